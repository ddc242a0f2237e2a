import { describe, expect, it } from "vitest";
import { graphRequests } from "../requests";
import { requestCost, sumCosts } from "./costs";

const costOf = ({ method, path }: { method: string; path: string }) => requestCost(method, path);

describe("the cost of a Graph request, from Graph's published table", () => {
  it("charges every write 1 ResourceUnit and 1 write", () => {
    expect(costOf(graphRequests.reprocessLicenseAssignment("u1"))).toEqual({
      resourceUnits: 1,
      writes: 1,
    });
    expect(costOf(graphRequests.setUsageLocation("u1", "US"))).toEqual({
      resourceUnits: 1,
      writes: 1,
    });
  });

  it("charges reads their base cost with the $select, $top and $expand modifiers, at least 1", () => {
    expect(requestCost("GET", "/users")).toEqual({ resourceUnits: 2, writes: 0 });
    expect(requestCost("GET", "/users?$select=id")).toEqual({ resourceUnits: 1, writes: 0 });
    expect(requestCost("GET", "/users?$top=10")).toEqual({ resourceUnits: 1, writes: 0 });
    expect(requestCost("GET", "/users?$top=999&$expand=manager")).toEqual({
      resourceUnits: 3,
      writes: 0,
    });
    expect(requestCost("GET", "/groups/g1/members")).toEqual({ resourceUnits: 3, writes: 0 });
    expect(requestCost("GET", "/users/u1/licenseDetails")).toEqual({ resourceUnits: 2, writes: 0 });
    expect(costOf(graphRequests.subscribedSkus())).toEqual({ resourceUnits: 2, writes: 0 });
    expect(costOf(graphRequests.userForSnapshot("u1"))).toEqual({ resourceUnits: 1, writes: 0 });
    expect(costOf(graphRequests.membersWithLicenseErrors("g1"))).toEqual({
      resourceUnits: 1,
      writes: 0,
    });
  });

  it("adds up the requests of a $batch", () => {
    const reprocess = costOf(graphRequests.reprocessLicenseAssignment("u1"));
    const read = costOf(graphRequests.userForSnapshot("u1"));
    expect(sumCosts([reprocess, reprocess, read])).toEqual({ resourceUnits: 3, writes: 2 });
    expect(sumCosts([])).toEqual({ resourceUnits: 0, writes: 0 });
  });
});
