/**
 * The `wordpress` entry of the target registry: `newsbrief publish --to
 * wordpress --url <site> [--status draft|publish|future]`, and the must-use plugin
 * that `newsbrief cms-config wordpress` prints.
 */
import { readPackagedText } from "../io/read.ts";
import { PublishUsageError } from "./errors.ts";
import type { TargetDefinition } from "./types.ts";
import { wordpressPublisher, type PostStatus } from "./wordpress.ts";

/** The statuses `--status` accepts; the first is the default. */
export const POST_STATUSES: readonly PostStatus[] = ["draft", "publish", "future"];

export const wordpressTarget: TargetDefinition = {
  name: "wordpress",
  description: "a WordPress site, through its REST API (credentials from NEWSBRIEF_WP_USER and NEWSBRIEF_WP_APP_PASSWORD)",
  layouts: [],
  needsSite: false,
  options: [
    { flags: "--url <site>", description: "wordpress: the site's address, e.g. https://newsroom.example/" },
    { flags: "--status <status>", description: "wordpress: the status of new posts (default draft; publish refuses a brief dated in the future, future schedules it); existing posts keep theirs", choices: POST_STATUSES },
  ],
  create(settings) {
    const problems: string[] = [];
    if (settings.site !== undefined) problems.push("the wordpress target takes no site folder: give the site's address with --url");
    if (settings.draft === true) problems.push("the wordpress target makes drafts by default: drop --draft (or give --status publish)");
    if (typeof settings.url !== "string") problems.push("the wordpress target needs the site's address: newsbrief publish --to wordpress --url https://newsroom.example/");
    // The credentials and the status are checked even without an address, so that every problem is said at once.
    const made = wordpressPublisher({ url: typeof settings.url === "string" ? settings.url : undefined, status: settings.status as PostStatus | undefined, env: settings.env ?? {} });
    problems.push(...made.problems);
    if (problems.length > 0 || made.publisher === undefined) throw new PublishUsageError(problems, settings.draft === true ? ["draft"] : []);
    return made.publisher;
  },
};

/** The must-use plugin the site needs, as shipped in `wordpress-plugin.php`. */
export function wordpressPlugin(): string {
  return readPackagedText(new URL("./wordpress-plugin.php", import.meta.url));
}
