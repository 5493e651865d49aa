/// One row of view, panel or widget data: a record's columns, or a group's keys and aggregates (``ViewQuery``).
///
/// ```swift
/// for row in try await client.views.data(id: viewId).data {
///     print(row["custodian"] ?? "-", row["pages"]?.doubleValue ?? 0)
/// }
/// ```
public struct ViewRow: Codable, Sendable, Hashable, Identifiable {
    /// The row's columns by name.
    public var values: [String: JSONValue]

    public init(_ values: [String: JSONValue]) {
        self.values = values
    }

    /// The record's id for a record row; for a group row, its columns as compact JSON (unique per group).
    public var id: String {
        values["id"]?.stringValue ?? JSONValue.object(values).description
    }

    /// The column `name`, if the row has it.
    public subscript(name: String) -> JSONValue? { values[name] }

    public init(from decoder: any Decoder) throws {
        values = try [String: JSONValue](from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try values.encode(to: encoder)
    }
}
