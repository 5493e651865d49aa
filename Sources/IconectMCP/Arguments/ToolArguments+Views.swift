import Foundation
import Iconect
import MCP

/// Readers of the arguments of the review-workspace tools: queries, sort keys, dates and small objects the SDK types.
extension ToolArguments {
    /// A query object (`baseQuery`, or a panel's or widget's `configuration`) as the SDK's ``ViewQuery``, operators and all;
    /// an error names the member at fault (`baseQuery.aggregations[0].function`).
    public func viewQuery(_ name: String) throws(ToolArgumentError) -> ViewQuery? {
        guard let members = try object(name) else { return nil }
        do {
            return try ViewQuery(json: .object(members), argument: name)
        } catch {
            throw ToolArgumentError(error: error, fallback: name)
        }
    }

    /// `[{"field": "docDate", "order": "desc"}]` as sort keys (empty when absent).
    public func sorting(_ name: String) throws(ToolArgumentError) -> [SortField] {
        guard let json = try json(name) else { return [] }
        guard let items = json.arrayValue else { throw ToolArgumentError(name, "\(name) must be an array of {field, order}") }
        do {
            return try items.enumerated().map { try SortField(json: $1, argument: "\(name)[\($0)]") }
        } catch {
            throw ToolArgumentError(error: error, fallback: name)
        }
    }

    /// An argument decoded as an SDK type (field choices, for instance), `nil` when absent.
    public func decoded<T: Decodable>(_ name: String, as type: T.Type) throws(ToolArgumentError) -> T? {
        guard let json = try json(name) else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(json))
        } catch {
            throw ToolArgumentError(name, "\(name) does not have the expected shape: \(error)")
        }
    }
}
