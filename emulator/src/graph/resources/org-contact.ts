import type { OrgContact } from "../../tenant/model";
import { type ResourceShape, stringCollection, textField } from "../odata/resource";

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
    id: textField((c) => c.id),
    displayname: textField((c) => c.displayName),
    mail: textField((c) => c.mail),
    givenname: textField((c) => c.givenName),
    surname: textField((c) => c.surname),
  },
  collections: { proxyaddresses: stringCollection<OrgContact>((c) => c.proxyAddresses) },
  orderBy: { displayname: (c) => c.displayName },
};
