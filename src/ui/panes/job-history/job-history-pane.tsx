import { useAtomValue } from 'jotai'
import { useMemo } from 'react'
import { useNow } from '../../components/use-now.ts'
import { jobsAtom } from '../../state/engine-atoms.ts'
import { JobRow } from './job-row.tsx'
import { JobSummary } from './job-summary.tsx'

/** Every job this provider has seen, newest first. */
export const JobHistoryPane = () => {
  const jobsById = useAtomValue(jobsAtom)
  const jobs = useMemo(
    () => [...jobsById.values()].sort((a, b) => b.receivedAt - a.receivedAt),
    [jobsById],
  )
  // Re-render once a minute so "today" times roll over to dates.
  const now = useNow(true, 60_000)
  return (
    <div className="stack fill">
      <JobSummary jobs={jobs} />
      <div className="table-wrap">
        <table className="jobs">
          <caption className="visually-hidden">Jobs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Job</th>
              <th scope="col">Customer</th>
              <th scope="col">Model</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Sats
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <JobRow key={job.id} job={job} now={now} />
            ))}
            {jobs.length === 0 && (
              <tr>
                <td colSpan={6} className="empty">
                  No jobs yet. Go Online in Sell Compute and requests will show up here.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  )
}
