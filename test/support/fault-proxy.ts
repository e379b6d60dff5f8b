/**
 * An HTTP proxy on 127.0.0.1 that passes requests to a real server, or
 * fails them as a scripted rule says: an error status, a connection dropped
 * in the middle of the answer's body, an answer lost after the server acted
 * on the request, or no answer at all.
 */
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** What the proxy does with one request. */
export type Fault =
  /** Forwards the request and the answer untouched. */
  | { kind: "pass" }
  /** Answers this status itself (with a WordPress-like JSON error), without forwarding. */
  | { kind: "status"; status: number; headers?: Record<string, string> }
  /** Forwards, then sends the answer's head and half its body, and drops the connection. */
  | { kind: "drop-body" }
  /** Forwards (the server acts on the request), then drops the connection without answering. */
  | { kind: "lose-answer" }
  /** Never answers. */
  | { kind: "hang" };

/** A request as the rule sees it. */
export interface ProxiedRequest {
  /** 1 for the first request the proxy received. */
  n: number;
  method: string;
  /** The REST route, from `?rest_route=`, or the path. */
  route: string;
  query: URLSearchParams;
  /** What the proxy did. */
  fault: Fault["kind"];
}

export type Rule = (request: Omit<ProxiedRequest, "fault">) => Fault | undefined;

export interface FaultProxy {
  /** The proxy's address, ending in `/`. */
  url: string;
  /** Every request received, in order. */
  requests: ProxiedRequest[];
  setRule(rule: Rule): void;
  stop(): Promise<void>;
}

/** Starts a proxy to `upstream` (an `http://127.0.0.1:<port>/` address). */
export async function startFaultProxy(upstream: string, rule: Rule = () => undefined): Promise<FaultProxy> {
  const target = new URL(upstream);
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  let current = rule;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://proxy");
    const seen = { n: requests.length + 1, method: req.method ?? "GET", route: url.searchParams.get("rest_route") ?? url.pathname, query: url.searchParams };
    const fault = current(seen) ?? { kind: "pass" };
    requests.push({ ...seen, fault: fault.kind });
    switch (fault.kind) {
      case "hang":
        req.resume();
        return;
      case "status":
        req.resume();
        res.writeHead(fault.status, { "content-type": "application/json; charset=UTF-8", ...fault.headers });
        res.end(JSON.stringify({ code: "injected_fault", message: `injected HTTP ${fault.status}`, data: { status: fault.status } }));
        return;
      default:
        forward(req, res, fault.kind);
    }
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  function forward(req: IncomingMessage, res: ServerResponse, kind: "pass" | "drop-body" | "lose-answer"): void {
    const headers = { ...req.headers, host: target.host };
    const upstreamRequest = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      if (kind === "pass") {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        const body = Buffer.concat(chunks);
        if (kind === "lose-answer") {
          res.socket?.destroy();
          return;
        }
        const { "transfer-encoding": _chunked, "content-length": _length, ...rest } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, { ...rest, "content-length": String(body.length) });
        res.flushHeaders();
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.socket?.destroy(), 20));
      });
    });
    upstreamRequest.on("error", () => res.socket?.destroy());
    req.pipe(upstreamRequest);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("the proxy has no port");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    requests,
    setRule(rule: Rule) {
      current = rule;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
