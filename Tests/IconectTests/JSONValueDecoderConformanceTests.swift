import Foundation
import Testing

@testable import Iconect

/// `JSONValueDecoder` promises that callers cannot tell it from Foundation's `JSONDecoder` except by speed: the same
/// values from the same documents, and a `DecodingError` of the same kind at the same coding path when a document does
/// not fit. These tests decode with both and compare, through every container the `Decoder` protocol offers.
@Suite("JSONValueDecoder behaves like JSONDecoder")
struct JSONValueDecoderConformanceTests {
    struct Inner: Codable, Equatable {
        var name: String
        var weight: Double?
    }

    /// Every scalar width, optionals present, absent and null, nested keyed and unkeyed values, dictionaries.
    struct Scalars: Codable, Equatable {
        var flag: Bool
        var text: String
        var double: Double
        var float: Float
        var int: Int, int8: Int8, int16: Int16, int32: Int32, int64: Int64
        var uint: UInt, uint8: UInt8, uint16: UInt16, uint32: UInt32, uint64: UInt64
        var maybeText: String?, maybeInt: Int?, maybeFlag: Bool?, maybeInner: Inner?, absent: Int?
        var inner: Inner
        var list: [Inner]
        var matrix: [[Int]]
        var table: [String: Int]
        var holes: [Int?]
    }

    static let scalars = #"""
    {"flag": true, "text": "a \"quoted\" \u00e9 \ud83d\ude00", "double": -0.125, "float": 2.5,
     "int": -9007199254740991, "int8": -128, "int16": 32767, "int32": -2147483648, "int64": 9007199254740991,
     "uint": 0, "uint8": 255, "uint16": 65535, "uint32": 4294967295, "uint64": 9007199254740991,
     "maybeText": null, "maybeInt": 7, "maybeFlag": false, "maybeInner": {"name": "m"},
     "inner": {"name": "i", "weight": 1e-3}, "list": [{"name": "a"}, {"name": "b", "weight": null}],
     "matrix": [[], [1], [2, 3]], "table": {"x": 1, "y": -2}, "holes": [1, null, 3]}
    """#

    /// A type that walks its document by hand through every container kind and accessor.
    struct Walker: Decodable, Equatable {
        var seen: [String]

        enum Keys: String, CodingKey { case head, rows, tail, base }
        enum HeadKeys: String, CodingKey { case id, tags }

        init(from decoder: any Decoder) throws {
            var seen: [String] = []
            let root = try decoder.container(keyedBy: Keys.self)
            seen.append("contains tail: \(root.contains(.tail)), keys: \(root.allKeys.map(\.stringValue).sorted())")
            let head = try root.nestedContainer(keyedBy: HeadKeys.self, forKey: .head)
            seen.append("id \(try head.decode(Int.self, forKey: .id))")
            var tags = try head.nestedUnkeyedContainer(forKey: .tags)
            seen.append("tags count \(tags.count ?? -1)")
            while !tags.isAtEnd {
                if try tags.decodeNil() {
                    seen.append("nil at \(tags.currentIndex - 1)")
                } else {
                    seen.append("tag \(try tags.decode(String.self)) at \(tags.currentIndex - 1)")
                }
            }
            var rows = try root.nestedUnkeyedContainer(forKey: .rows)
            let firstRow = try rows.nestedContainer(keyedBy: HeadKeys.self)
            seen.append("row id \(try firstRow.decode(Int8.self, forKey: .id))")
            var secondRow = try rows.nestedUnkeyedContainer()
            seen.append("row values \(try secondRow.decode(Bool.self)) \(try secondRow.decode(Double.self)) \(try secondRow.decode(Int.self))")
            seen.append("row tail \(try rows.decode(UInt16.self))")
            let base = try root.superDecoder(forKey: .base).singleValueContainer()
            seen.append("base \(try base.decode(String.self))")
            seen.append("tail nil \(try root.decodeNil(forKey: .tail))")
            let whole = try root.superDecoder()
            seen.append("super is keyed: \((try? whole.container(keyedBy: Keys.self)) != nil)")
            self.seen = seen
        }
    }

    static let walked = #"""
    {"head": {"id": 41, "tags": ["hot", null, "privileged"]}, "rows": [{"id": -3}, [false, 0.5, 12], 65000],
     "base": "root", "tail": null, "super": {"head": {}}}
    """#

    static func both<T: Decodable & Equatable>(_ type: T.Type, _ json: String) throws -> (ours: T, foundation: T) {
        let data = Data(json.utf8)
        return (try JSONValueDecoder().decode(type, from: data), try JSONDecoder().decode(type, from: data))
    }

    @Test func everyScalarWidthAndShape() throws {
        let (ours, foundation) = try Self.both(Scalars.self, Self.scalars)
        #expect(ours == foundation)
        #expect(ours.absent == nil && ours.maybeText == nil && ours.maybeInner == Inner(name: "m"))
    }

    @Test func everyContainerAndAccessor() throws {
        let (ours, foundation) = try Self.both(Walker.self, Self.walked)
        #expect(ours == foundation)
        #expect(ours.seen.count == 12, "\(ours.seen)")
    }

    /// The kind of a `DecodingError` and its coding path, as text.
    static func shape(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "not a DecodingError: \(error)" }
        let (kind, context): (String, DecodingError.Context) = switch error {
        case .typeMismatch(_, let context): ("typeMismatch", context)
        case .valueNotFound(_, let context): ("valueNotFound", context)
        case .keyNotFound(let key, let context): ("keyNotFound \(key.stringValue)", context)
        case .dataCorrupted(let context): ("dataCorrupted", context)
        @unknown default: ("unknown", DecodingError.Context(codingPath: [], debugDescription: ""))
        }
        return kind + " at " + context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    static let misfits: [(name: String, json: String)] = [
        ("a string for a number", #"{"name": "a", "weight": "heavy"}"#),
        ("a number for a string", #"{"name": 7}"#),
        ("a missing key", #"{"weight": 1}"#),
        ("null for a required value", #"{"name": null}"#),
        ("an array for an object", #"[{"name": "a"}]"#),
    ]

    @Test("a document that does not fit fails the same way", arguments: misfits)
    func sameErrors(misfit: (name: String, json: String)) {
        let data = Data(misfit.json.utf8)
        let ours = #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Inner.self, from: data) }
        let foundation = #expect(throws: DecodingError.self) { try JSONDecoder().decode(Inner.self, from: data) }
        if let ours, let foundation {
            #expect(Self.shape(of: ours) == Self.shape(of: foundation), "\(misfit.name)")
        }
    }

    struct Nested: Decodable {
        init(from decoder: any Decoder) throws {
            let root = try decoder.container(keyedBy: DynamicCodingKey.self)
            for key in root.allKeys {
                switch key.stringValue {
                case "int": _ = try root.decode([[Int]].self, forKey: key)
                case "int8": _ = try root.decode([Int8].self, forKey: key)
                case "uint": _ = try root.decode([UInt].self, forKey: key)
                default:
                    var pair = try root.nestedUnkeyedContainer(forKey: key)
                    _ = try pair.decode(Int.self)
                    _ = try pair.decode(Int.self)
                }
            }
        }
    }

    static let nestedMisfits: [(name: String, json: String, expected: String)] = [
        ("a fraction for an integer deep in a list", #"{"int": [[1], [2.5]]}"#, "dataCorrupted at int.1.0"),
        ("a number beyond Int8", #"{"int8": [300]}"#, "dataCorrupted at int8.0"),
        ("a negative number for UInt", #"{"uint": [-1]}"#, "dataCorrupted at uint.0"),
        ("a list too short for its reader", #"{"pair": [1]}"#, "valueNotFound at pair.1"),
        ("an element of the wrong type", #"{"int": [[1], ["x"]]}"#, "typeMismatch at int.1.0"),
        ("null in a list of numbers", #"{"int": [[null]]}"#, "valueNotFound at int.0.0"),
    ]

    /// The same kind as `JSONDecoder`, at the exact path. (Foundation reports a number that does not fit its type with an
    /// empty coding path; this decoder names where it is, so only the kind is compared with Foundation's there.)
    @Test("nested misfits fail with JSONDecoder's kind of error, at the exact path", arguments: nestedMisfits)
    func sameNestedErrors(misfit: (name: String, json: String, expected: String)) {
        let data = Data(misfit.json.utf8)
        let ours = #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Nested.self, from: data) }
        let foundation = #expect(throws: DecodingError.self) { try JSONDecoder().decode(Nested.self, from: data) }
        if let ours, let foundation {
            #expect(Self.shape(of: ours) == misfit.expected, "\(misfit.name)")
            let kind = { (shape: String) in shape.components(separatedBy: " at ")[0] }
            #expect(kind(Self.shape(of: ours)) == kind(Self.shape(of: foundation)), "\(misfit.name)")
        }
    }
}
