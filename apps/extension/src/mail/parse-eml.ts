// The .eml reader alone (postal-mime), for the side panel to load when a file is opened: a dynamic
// import of `@leadpane/domain/extract` would bring every extractor into that chunk.
export { parseEml } from "@leadpane/domain/extract";
