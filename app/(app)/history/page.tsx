import { HistoryRoute } from "./_components/history-route";

/** `/history`: every write Licensedesk made or saw, who did it, and what changed. */
export default function HistoryPage() {
  return <HistoryRoute />;
}
