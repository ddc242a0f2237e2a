import { SettingsRoute } from "./_components/settings-route";

/** `/settings`: the watch over license errors, and where its notifications go. */
export default function SettingsPage() {
  return <SettingsRoute />;
}
