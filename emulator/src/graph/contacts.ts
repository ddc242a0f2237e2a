import type { OrgContact, Tenant } from "../tenant/model";
import { entitySetRoutes } from "./entity-set";
import { resourceNotFound } from "./errors";
import { READ_CONTACTS } from "./permissions";
import { orgContactShape } from "./resources/org-contact";
import type { GraphRoute } from "./routing";

function findContact(tenant: Tenant, id: string): OrgContact {
  const contact = tenant.contacts.find((c) => c.id.toLowerCase() === id.toLowerCase());
  if (!contact) throw resourceNotFound(id);
  return contact;
}

/** `/contacts`: the tenant's organizational contacts, one of the places a duplicate address can live. */
export const contactRoutes: GraphRoute[] = entitySetRoutes({
  name: "contacts",
  requires: READ_CONTACTS,
  entities: (call) => ({
    shape: orgContactShape,
    items: call.state.tenant.contacts,
    idOf: (c) => c.id,
  }),
  find: findContact,
});
