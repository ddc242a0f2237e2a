import type { User } from "../../tenant/model";
import { type ResourceShape, stringCollection, textField } from "../odata/resource";
import { READ_SIGN_IN_ACTIVITY } from "../permissions";
import {
  assignedLicenseFilter,
  assignedLicenses,
  assignedPlans,
  licenseAssignmentStates,
} from "./licenses";

/** Graph's signInActivity: null for a user who never signed in (or not since April 2020). */
const signInActivity = (at: string | null) =>
  at && {
    lastSignInDateTime: at,
    lastSignInRequestId: null,
    lastNonInteractiveSignInDateTime: null,
    lastNonInteractiveSignInRequestId: null,
    lastSuccessfulSignInDateTime: at,
    lastSuccessfulSignInRequestId: null,
  };

/** Graph's v1.0 user: default properties first, the rest only on $select; internal fields never. */
export const userShape: ResourceShape<User> = {
  name: "User",
  odataType: "microsoft.graph.user",
  properties: {
    businessPhones: () => [],
    displayName: (u) => u.displayName,
    givenName: (u) => u.givenName,
    jobTitle: (u) => u.jobTitle,
    mail: (u) => u.mail,
    mobilePhone: () => null,
    officeLocation: (u) => u.officeLocation,
    preferredLanguage: () => null,
    surname: (u) => u.surname,
    userPrincipalName: (u) => u.userPrincipalName,
    id: (u) => u.id,
    accountEnabled: (u) => u.accountEnabled,
    assignedLicenses: (u) => assignedLicenses(u.assignedLicenses),
    assignedPlans: (u) => assignedPlans(u.assignedPlans),
    city: (u) => u.city,
    companyName: () => null,
    country: (u) => u.country,
    createdDateTime: (u) => u.createdDateTime,
    department: (u) => u.department,
    employeeId: () => null,
    licenseAssignmentStates: (u) => licenseAssignmentStates(u.licenseAssignmentStates),
    signInActivity: (u) => signInActivity(u.lastSignInDateTime),
    mailNickname: (u) => u.userPrincipalName.split("@")[0] ?? null,
    onPremisesSyncEnabled: () => null,
    otherMails: () => [],
    proxyAddresses: (u) => [...u.proxyAddresses],
    usageLocation: (u) => u.usageLocation,
    userType: () => "Member",
  },
  defaults: [
    "businessPhones",
    "displayName",
    "givenName",
    "jobTitle",
    "mail",
    "mobilePhone",
    "officeLocation",
    "preferredLanguage",
    "surname",
    "userPrincipalName",
    "id",
  ],
  filters: {
    id: textField((u) => u.id),
    userprincipalname: textField((u) => u.userPrincipalName),
    displayname: textField((u) => u.displayName),
    mail: textField((u) => u.mail),
    givenname: textField((u) => u.givenName),
    surname: textField((u) => u.surname),
    usagelocation: textField((u) => u.usageLocation),
    department: textField((u) => u.department),
    jobtitle: textField((u) => u.jobTitle),
    city: textField((u) => u.city),
    country: textField((u) => u.country),
    officelocation: textField((u) => u.officeLocation),
    accountenabled: { type: "boolean", get: (u) => u.accountEnabled },
    "signinactivity/lastsignindatetime": {
      type: "datetime",
      get: (u) => u.lastSignInDateTime,
      only: ["eq", "ne", "ge", "le"],
      alone: true,
    },
  },
  collections: {
    assignedlicenses: assignedLicenseFilter<User>(),
    proxyaddresses: stringCollection<User>((u) => u.proxyAddresses),
  },
  orderBy: {
    displayname: (u) => u.displayName,
    userprincipalname: (u) => u.userPrincipalName,
  },
  guarded: { signinactivity: READ_SIGN_IN_ACTIVITY },
};
