/// The rows a ``ViewQuerySpec`` selects: matching records (flattened to columns only for the rows asked for, so a page of a
/// large view costs its page), or computed groups.
struct ViewResult: Sendable {
    enum Rows: Sendable {
        case records([RecordRow])
        case groups([[String: JSON]])
    }

    let rows: Rows
    /// The row members in order: `id`, `documentId` and the columns; or the group keys and the aliases.
    let columns: [String]

    var count: Int {
        switch rows {
        case .records(let records): return records.count
        case .groups(let groups): return groups.count
        }
    }

    /// The rows in `range` as flat objects.
    func objects(_ range: Range<Int>) -> [[String: JSON]] {
        switch rows {
        case .groups(let groups): return Array(groups[range])
        case .records(let records):
            let keys = columns.map { ($0, RecordKey($0)) }
            return records[range].map { record in
                var object: [String: JSON] = [:]
                for (name, key) in keys { object[name] = Self.scalar(record.probe(key)) }
                return object
            }
        }
    }

    /// Every row as flat objects.
    var allObjects: [[String: JSON]] { objects(0..<count) }

    /// A probed value as plain JSON: instants as ISO-8601 text, a missing value as `null`.
    static func scalar(_ probe: FieldProbe) -> JSON {
        switch probe {
        case .missing: return .null
        case .json(let value): return value
        case .instant(let seconds): return .string(ISODate.string(seconds))
        case .strings(let values): return .array(values.map(JSON.string))
        }
    }
}

extension EmulatorState {
    /// Evaluates `spec` over the records of `projectId` (deleted records only when a condition names `status`), reusing the
    /// result of the same query while the records have not changed, so each further page of a large view costs its page.
    func evaluate(_ spec: ViewQuerySpec, projectId: String) -> ViewResult {
        viewResults.result(for: projectId + "#" + spec.signature, version: records.version) { compute(spec, projectId: projectId) }
    }

    private func compute(_ spec: ViewQuerySpec, projectId: String) -> ViewResult {
        let keys = spec.conditions.map { RecordKey($0.key) }
        let includeDeleted = spec.conditions.contains { $0.key == "status" }
        let matching = records.rows(inProject: projectId).filter { row in
            guard includeDeleted || row.status != .deleted else { return false }
            return spec.conditions.indices.allSatisfy { spec.conditions[$0].matches(row.probe(keys[$0])) }
        }
        guard spec.isGrouped else {
            let sorted = Self.sorted(matching, by: spec.sorting)
            return ViewResult(rows: .records(sorted), columns: Self.recordColumns(spec.columns, of: sorted))
        }
        let groups = ViewAggregator(spec: spec).groups(of: matching)
        let columns = spec.grouping.map(\.field) + spec.aggregations.map(\.alias)
        return ViewResult(rows: .groups(groups), columns: columns)
    }

    private static func sorted(_ rows: [RecordRow], by sorting: [ViewQuerySpec.Sort]) -> [RecordRow] {
        guard !sorting.isEmpty else { return rows }
        let keys = sorting.map { RecordKey($0.field) }
        let keyed = rows.enumerated().map { offset, row in (keys.map { SortKey(row.probe($0)) }, offset, row) }
        return keyed.sorted { lhs, rhs in
            for (index, sort) in sorting.enumerated() {
                if let precedes = lhs.0[index].precedes(rhs.0[index], descending: sort.descending) { return precedes }
            }
            return lhs.1 < rhs.1
        }.map(\.2)
    }

    /// `id`, `documentId`, then the chosen columns (or every field name the rows carry, sorted).
    private static func recordColumns(_ chosen: [String]?, of rows: [RecordRow]) -> [String] {
        let names = chosen ?? Set(rows.flatMap { $0.fields.map(\.key) }).sorted()
        return ["id", "documentId"] + names.filter { $0 != "id" && $0 != "documentId" }
    }
}
