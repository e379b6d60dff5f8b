/** The `cms-config` command: the CMS configuration that matches what `publish` writes. */
import { UsageError } from "../errors.ts";
import { decapConfig, DECAP_LAYOUTS, type DecapLayout } from "../publish/decap.ts";
import { hugoConfig, HUGO_CONFIG_FORMATS, HUGO_LAYOUTS, type HugoConfigFormat, type HugoLayout } from "../publish/hugo.ts";
import { wordpressPlugin } from "../publish/wordpress-target.ts";
import type { CliProcess } from "../types.ts";

/** The CMSs `cms-config` knows. */
export const CMS_CONFIGS = ["hugo", "decap", "wordpress"] as const;

/** Runs `newsbrief cms-config <cms>`. */
export function runCmsConfig(io: CliProcess, cms: string, options: { layout?: string | undefined; format?: string | undefined } = {}): void {
  const { layout, format } = options;
  if (!(CMS_CONFIGS as readonly string[]).includes(cms)) throw new UsageError(`no configuration for \`${cms}\`: expected ${CMS_CONFIGS.join(", ")}`);
  if (format !== undefined && cms !== "hugo") throw new UsageError(`the ${cms} configuration has one format: drop --format (it is for hugo)`);
  if (cms === "wordpress") {
    if (layout !== undefined) throw new UsageError("the wordpress plugin has no layouts: drop --layout");
    io.stdout(wordpressPlugin());
    return;
  }
  const layouts: readonly string[] = cms === "hugo" ? HUGO_LAYOUTS : DECAP_LAYOUTS;
  if (layout !== undefined && !layouts.includes(layout)) throw new UsageError(`unknown layout \`${layout}\` for ${cms}: expected one of ${layouts.join(", ")}`);
  if (cms === "hugo") {
    if (format !== undefined && !(HUGO_CONFIG_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format \`${format}\` for hugo: expected one of ${HUGO_CONFIG_FORMATS.join(", ")}`);
    io.stdout(hugoConfig((layout ?? HUGO_LAYOUTS[0]) as HugoLayout, (format ?? HUGO_CONFIG_FORMATS[0]) as HugoConfigFormat));
    return;
  }
  io.stdout(decapConfig((layout ?? DECAP_LAYOUTS[0]) as DecapLayout));
}
