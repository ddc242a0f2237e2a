import { JobRoute } from "./_components/job-route";

/** `/jobs/{id}`: one bulk reprocess job, its progress and every user's outcome. */
export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <JobRoute jobId={id} />;
}
