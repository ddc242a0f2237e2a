import { groupHasMembersWithLicenseErrors } from "../../licensing/engine";
import type { Group, Tenant } from "../../tenant/model";
import { type FilterField, type ResourceShape, stringCollection } from "../odata/resource";
import { assignedLicenseFilter, assignedLicenses } from "./licenses";

const text = (get: (g: Group) => string | null): FilterField<Group> => ({ type: "string", get });

const groupAddresses = (g: Group) => (g.mail ? [`SMTP:${g.mail}`] : []);

/** Graph's v1.0 group; `hasMembersWithLicenseErrors` filters but is never returned, memberIds never leave. */
export const groupShape = (tenant: Tenant): ResourceShape<Group> => ({
  name: "Group",
  odataType: "microsoft.graph.group",
  properties: {
    id: (g) => g.id,
    deletedDateTime: () => null,
    classification: () => null,
    createdDateTime: (g) => g.createdDateTime,
    creationOptions: () => [],
    description: (g) => g.description,
    displayName: (g) => g.displayName,
    expirationDateTime: () => null,
    groupTypes: (g) => [...g.groupTypes],
    isAssignableToRole: () => null,
    mail: (g) => g.mail,
    mailEnabled: (g) => g.mailEnabled,
    mailNickname: (g) => g.mailNickname,
    membershipRule: () => null,
    membershipRuleProcessingState: () => null,
    onPremisesSyncEnabled: () => null,
    preferredDataLocation: () => null,
    proxyAddresses: groupAddresses,
    renewedDateTime: (g) => g.createdDateTime,
    resourceBehaviorOptions: () => [],
    resourceProvisioningOptions: () => [],
    securityEnabled: (g) => g.securityEnabled,
    visibility: () => null,
    assignedLicenses: (g) => assignedLicenses(g.assignedLicenses),
    licenseProcessingState: (g) => ({ state: g.licenseProcessingState }),
  },
  defaults: [
    "id",
    "deletedDateTime",
    "classification",
    "createdDateTime",
    "creationOptions",
    "description",
    "displayName",
    "expirationDateTime",
    "groupTypes",
    "isAssignableToRole",
    "mail",
    "mailEnabled",
    "mailNickname",
    "membershipRule",
    "membershipRuleProcessingState",
    "onPremisesSyncEnabled",
    "preferredDataLocation",
    "proxyAddresses",
    "renewedDateTime",
    "resourceBehaviorOptions",
    "resourceProvisioningOptions",
    "securityEnabled",
    "visibility",
  ],
  hidden: ["hasMembersWithLicenseErrors"],
  filters: {
    id: text((g) => g.id),
    displayname: text((g) => g.displayName),
    mail: text((g) => g.mail),
    mailnickname: text((g) => g.mailNickname),
    mailenabled: { type: "boolean", get: (g) => g.mailEnabled },
    securityenabled: { type: "boolean", get: (g) => g.securityEnabled },
    hasmemberswithlicenseerrors: {
      type: "boolean",
      get: (g) => groupHasMembersWithLicenseErrors(tenant, g),
      only: ["eq"],
    },
  },
  collections: {
    assignedlicenses: assignedLicenseFilter<Group>(),
    proxyaddresses: stringCollection<Group>(groupAddresses),
  },
  orderBy: { displayname: (g) => g.displayName },
});
