/// Rows of cells padded to their column's widest cell, numbers right-aligned
/// and text left, so columns line up in a terminal. The last column is not
/// padded: it holds URLs, whose widths vary too much to pad to.
struct TextTable {
    enum Alignment { case left, right }

    let alignments: [Alignment]
    private(set) var rows: [[String]] = []

    init(_ alignments: Alignment...) { self.alignments = alignments }

    mutating func add(_ cells: String...) { rows.append(cells) }

    /// One line a row, each starting with `indent`, cells two spaces apart.
    func lines(indent: String = "  ") -> [String] {
        let widths = alignments.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column == row.count - 1 && alignments[column] == .left { return cell }
                return alignments[column] == .right ? padding + cell : cell + padding
            }
            // An empty last cell (a bar of no marks) leaves no trailing spaces.
            var line = indent + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
