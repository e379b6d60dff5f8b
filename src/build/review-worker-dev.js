// The review's worker when newsbrief runs from its TypeScript sources
// (development and tests): loads them through tsx. The compiled build uses review-worker.js.
import { register } from "tsx/esm/api";

register();
const { default: reviewBatch } = await import("./review-worker.ts");
export default reviewBatch;
