/// A string-valued enumeration that accepts values it does not know.
///
/// iCONECT adds statuses and types over time; a client that failed to decode them would break on a server upgrade.
/// Conforming types are structs with a `rawValue` and static members for the known values, so they read like enums
/// (`.active`, `switch status { case .active: ... default: ... }`) while an unknown value decodes, round-trips and
/// reports itself through ``isKnown``.
public protocol ExtensibleEnum: RawRepresentable, Codable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible where RawValue == String
{
    init(rawValue: String)
    /// The values this version of the SDK knows, in the catalogue's order.
    static var knownValues: [Self] { get }
}

extension ExtensibleEnum {
    public init(stringLiteral value: String) { self.init(rawValue: value) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Whether this SDK version knows the value (an unknown one came from a newer server).
    public var isKnown: Bool { Self.knownValues.contains(self) }
}

/// The direction of a sort.
public struct SortOrder: ExtensibleEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let ascending = SortOrder(rawValue: "asc")
    public static let descending = SortOrder(rawValue: "desc")
    public static let knownValues: [SortOrder] = [.ascending, .descending]
}
