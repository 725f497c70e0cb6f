/** What Inkwell holds, part by part, before an export, erasure or purge. */
export function DataSummaryTable({ caption, rows, showKept = false }: { caption: string; rows: { part: string; holds: string; count: number; erased?: boolean }[]; showKept?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="admin-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Records</th>
            <th scope="col">Stored in</th>
            {showKept ? <th scope="col">On erasure</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.part}>
              <td>{row.holds}</td>
              <td>{row.count}</td>
              <td>
                <code>{row.part}</code>
              </td>
              {showKept ? <td>{row.erased === false ? 'Kept (another person’s record)' : 'Erased'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
