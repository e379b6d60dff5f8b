/** The `cms-config` command: the CMS configuration that matches what `publish` writes. */
import { UsageError } from "../errors.ts";
import { decapConfig, DECAP_LAYOUTS, type DecapLayout } from "../publish/decap.ts";
import { wordpressPlugin } from "../publish/wordpress-target.ts";
import type { CliProcess } from "../types.ts";

/** Runs `newsbrief cms-config <cms>`. */
export function runCmsConfig(io: CliProcess, cms: string, layout: string | undefined): void {
  if (cms === "wordpress") {
    if (layout !== undefined) throw new UsageError("the wordpress plugin has no layouts: drop --layout");
    io.stdout(wordpressPlugin());
    return;
  }
  if (cms !== "decap") throw new UsageError(`no configuration for \`${cms}\`: expected decap or wordpress`);
  if (layout !== undefined && !(DECAP_LAYOUTS as readonly string[]).includes(layout)) throw new UsageError(`unknown layout \`${layout}\` for decap: expected one of ${DECAP_LAYOUTS.join(", ")}`);
  io.stdout(decapConfig((layout ?? DECAP_LAYOUTS[0]) as DecapLayout));
}

