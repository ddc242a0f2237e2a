import { describe, expect, it } from "vitest";
import { leadingNextLink } from "./leading-next-link";

const LINK = "https://graph.microsoft.com/v1.0/users?$top=999&$skiptoken=RFNwdAIAAQ%3d%3d";

describe("leadingNextLink", () => {
  it("reads the next link Graph writes after the context and count, before the items", () => {
    const head = `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","@odata.count":50000,"@odata.nextLink":${JSON.stringify(LINK)},"value":[{"id":`;
    expect(leadingNextLink(head)).toBe(LINK);
  });

  it("unescapes the link as JSON does", () => {
    expect(leadingNextLink(`{ "@odata.nextLink" : "https:\\/\\/g\\u002fx?a=\\"b\\"" ,`)).toBe(
      'https://g/x?a="b"',
    );
  });

  it("says it cannot tell yet while the head ends inside an annotation", () => {
    for (const head of [
      "",
      "  ",
      "{",
      '{"@od',
      '{"@odata.context":"https://gr',
      `{"@odata.nextLink":"${LINK}"`,
    ]) {
      expect(leadingNextLink(head)).toBeUndefined();
    }
  });

  it("says there is none when the items begin first or the body is not an object", () => {
    expect(leadingNextLink('{"@odata.context":"x","value":[')).toBeNull();
    expect(leadingNextLink('{"value":[],"@odata.nextLink":"x"}')).toBeNull();
    expect(leadingNextLink('{"@microsoft.graph.tips":"x","@odata.nextLink":"y",')).toBeNull();
    expect(leadingNextLink("[1,2]")).toBeNull();
    expect(leadingNextLink(`{"@odata.context":"${"x".repeat(70_000)}`)).toBeNull();
  });
});
