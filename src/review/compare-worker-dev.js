// The worker of a large `diff` when newsbrief runs from its TypeScript sources
// (development and tests): loads them through tsx. The compiled build uses compare-worker.js.
import { register } from "tsx/esm/api";

register();
const { default: compare } = await import("./compare-worker.ts");
export default compare;
