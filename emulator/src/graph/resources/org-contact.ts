import type { OrgContact } from "../../tenant/model";
import { type FilterField, type ResourceShape, stringCollection } from "../odata/resource";

const text = (get: (c: OrgContact) => string | null): FilterField<OrgContact> => ({
  type: "string",
  get,
});

/** Graph's v1.0 orgContact, with the properties an address lookup reads. */
export const orgContactShape: ResourceShape<OrgContact> = {
  name: "OrgContact",
  odataType: "microsoft.graph.orgContact",
  properties: {
    id: (c) => c.id,
    deletedDateTime: () => null,
    companyName: (c) => c.companyName,
    department: () => null,
    displayName: (c) => c.displayName,
    givenName: (c) => c.givenName,
    jobTitle: () => null,
    mail: (c) => c.mail,
    mailNickname: (c) => c.mailNickname,
    onPremisesSyncEnabled: () => null,
    proxyAddresses: (c) => [...c.proxyAddresses],
    surname: (c) => c.surname,
  },
  defaults: [
    "id",
    "deletedDateTime",
    "companyName",
    "department",
    "displayName",
    "givenName",
    "jobTitle",
    "mail",
    "mailNickname",
    "onPremisesSyncEnabled",
    "proxyAddresses",
    "surname",
  ],
  filters: {
    id: text((c) => c.id),
    displayname: text((c) => c.displayName),
    mail: text((c) => c.mail),
    givenname: text((c) => c.givenName),
    surname: text((c) => c.surname),
  },
  collections: { proxyaddresses: stringCollection<OrgContact>((c) => c.proxyAddresses) },
  orderBy: { displayname: (c) => c.displayName },
};
