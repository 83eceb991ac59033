import type { Feature } from "../feature.ts";
import { askUnknownOnce } from "./identify.ts";
import { fileEveryMessage } from "./service.ts";

/** Every message filed once against its sender; unknown members asked, once, who they are. */
export const filing: Feature = {
  name: "filing",
  steps: { intake: fileEveryMessage(), conversation: askUnknownOnce() },
  help: ["平常在群里说的话也会记入档案；像意见、建议的内容会自动编号登记。"],
};
