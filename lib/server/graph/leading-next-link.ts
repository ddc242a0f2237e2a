import "server-only";

// One annotation member at the head of a collection: `"@odata.count": 12,` or `"@odata.x": "…",`.
const ANNOTATION = /\s*"(@odata\.[A-Za-z]+)"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)\s*,/y;
const ANNOTATION_START = '"@odata.';
// Graph's annotations (context, count, a link) fit far below this; past it, the items have begun.
const HEAD_LIMIT = 64 * 1024;

/**
 * The `@odata.nextLink` a collection's JSON names among the annotations written before its items, read
 * from the answer's first bytes so the next page can be asked for while this one still arrives: a
 * link; `null` when the annotations ended without one (it may still come after the items); `undefined`
 * when `head` ends before that is known.
 */
export function leadingNextLink(head: string): string | null | undefined {
  const open = /^\s*\{/.exec(head);
  if (!open) return head.trim() === "" ? undefined : null;
  ANNOTATION.lastIndex = open[0].length;
  for (;;) {
    const at = ANNOTATION.lastIndex;
    const member = ANNOTATION.exec(head);
    if (member?.[1] === "@odata.nextLink" && member[2]!.startsWith('"')) {
      return JSON.parse(member[2]!) as string;
    }
    if (member) continue;
    const rest = head.slice(at).trimStart();
    const arriving = rest.startsWith(ANNOTATION_START) || ANNOTATION_START.startsWith(rest);
    return arriving && head.length < HEAD_LIMIT ? undefined : null;
  }
}
