import { describe, expect, it } from "vitest";
import type { EdgeHostPaths, EdgePaths } from "./edge-paths";
import { renderNginxMap } from "./nginx-map";

const NOW = new Date("2026-11-25T12:00:00Z");
const LATER = "2026-11-25T12:10:00.000Z";
const EARLIER = "2026-11-25T11:59:59.000Z";

function host(transport: EdgeHostPaths["transport"], accepted: EdgeHostPaths["accepted"], hostId = 1): EdgeHostPaths {
  return { hostId, name: `h${hostId}`, transport, current: accepted[0]!.path, accepted };
}

const paths = (...hosts: EdgeHostPaths[]): EdgePaths => ({ revision: "7", hosts });
const entries = (text: string) => text.split("\n").filter((line) => line !== "" && !line.startsWith("#"));

describe("renderNginxMap", () => {
  it.each([
    { transport: "ws" as const, path: "/ws/Abc", lines: ['"/ws/Abc" 1;'] },
    { transport: "httpupgrade" as const, path: "/up/Abc", lines: ['"/up/Abc" 1;'] },
    { transport: "grpc" as const, path: "svcAbc", lines: ['"/svcAbc/Tun" 1;', '"/svcAbc/TunMulti" 1;'] },
    { transport: "xhttp" as const, path: "/x.h/Abc", lines: ['"/x.h/Abc" 1;', "~^/x\\.h/Abc/ 1;"] },
  ])("writes the request paths a $transport client uses", ({ transport, path, lines }) => {
    const map = renderNginxMap(paths(host(transport, [{ path, acceptUntil: null }])), NOW);
    expect(entries(map.text)).toEqual(lines);
    expect(map.pathCount).toBe(1);
  });

  it("keeps current, next and retired paths within grace, and drops expired ones", () => {
    const map = renderNginxMap(
      paths(
        host("ws", [
          { path: "/cur", acceptUntil: null },
          { path: "/next", acceptUntil: null },
          { path: "/grace", acceptUntil: LATER },
          { path: "/gone", acceptUntil: EARLIER },
          { path: "/edge", acceptUntil: NOW.toISOString() },
        ]),
      ),
      NOW,
    );
    expect(entries(map.text)).toEqual(['"/cur" 1;', '"/next" 1;', '"/grace" 1;']);
    expect(map.text.split("\n")[0]).toBe("# Written by rotor edge-agent; do not edit. 1 hosts, 3 accepted paths.");
  });

  it("writes every host's paths once, and the same bytes for the same set", () => {
    const input = paths(host("ws", [{ path: "/a", acceptUntil: null }], 1), host("ws", [{ path: "/a", acceptUntil: null }, { path: "/b", acceptUntil: null }], 2));
    const first = renderNginxMap(input, NOW);
    expect(entries(first.text)).toEqual(['"/a" 1;', '"/b" 1;']);
    expect(renderNginxMap({ ...input, revision: "8" }, new Date(NOW.getTime() + 1000)).text).toBe(first.text);
  });

  it("leaves out a path nginx could not hold safely and says so", () => {
    const map = renderNginxMap(paths(host("ws", [{ path: '/a"; return 200', acceptUntil: null }, { path: "/ok", acceptUntil: null }])), NOW);
    expect(entries(map.text)).toEqual(['"/ok" 1;']);
    expect(map.rejected).toEqual(['/a"; return 200']);
    expect(map.pathCount).toBe(1);
  });

  it("counts no paths when nothing is accepted", () => {
    expect(renderNginxMap(paths(), NOW).pathCount).toBe(0);
  });
});
