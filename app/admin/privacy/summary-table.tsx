import { SimpleTable } from '../../_components/simple-table';

/** What Inkwell holds, part by part, before an export, erasure or purge. */
export function DataSummaryTable({ caption, rows, showKept = false }: { caption: string; rows: { part: string; holds: string; count: number; erased?: boolean }[]; showKept?: boolean }) {
  return (
    <SimpleTable caption={caption} columns={['What', 'Records', 'Stored in', ...(showKept ? ['On erasure'] : [])]}>
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
    </SimpleTable>
  );
}
