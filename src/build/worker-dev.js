// The pool's worker when newsbrief runs from its TypeScript sources (development
// and tests): loads them through tsx. The compiled build uses worker.js.
import { register } from "tsx/esm/api";

register();
const { default: runBatch } = await import("./worker.ts");
export default runBatch;
