/**
 * The frame of a plain data table: the scrolling wrapper, a caption (hidden where the heading
 * above already says it) and one row of column headings; the caller gives the body rows.
 */
import type { ReactNode } from 'react';

export function SimpleTable({
  caption,
  columns,
  className = 'admin-table',
  hideCaption = false,
  children,
}: {
  caption: string;
  columns: string[];
  className?: string;
  hideCaption?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={className}>
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
