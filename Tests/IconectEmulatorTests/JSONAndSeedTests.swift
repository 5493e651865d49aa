import Foundation
@testable import IconectEmulator
import Testing

@Suite("Serializer, parser, dates and seed")
struct JSONAndSeedTests {
    @Test func writerEscapesAndPrintsIntegers() throws {
        let value: JSON = ["text": "quote\" back\\ nl\n tab\t ctl\u{01} é", "int": 42, "neg": -7, "real": 0.5, "big": 1e20, "list": [true, nil]]
        let text = String(decoding: value.encodedBytes, as: UTF8.self)
        #expect(text.contains(#""int":42"#))
        #expect(text.contains(#""neg":-7"#))
        #expect(text.contains(#""real":0.5"#))
        #expect(text.contains(#"quote\" back\\ nl\n tab\t ctl\u0001 é"#))
        let parsed = try JSONParser.parse(value.encodedBytes)
        #expect(parsed == value)
        let roundTrip = try JSONDecoder().decode(JSON.self, from: Data(value.encodedBytes))
        #expect(roundTrip == value)
    }

    @Test func parserRejectsMalformedInput() {
        for bad in ["{", "[1,]", "{\"a\" 1}", "tru", "\"\\x\"", "01", "1 2", "\"\u{01}\""] {
            #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(bad.utf8)) }
        }
        #expect((try? JSONParser.parse(Array(#""\ud83d\ude00""#.utf8))) == .string("😀"))
    }

    @Test func isoDates() {
        #expect(ISODate.string(1_706_608_800) == "2024-01-30T10:00:00Z")
        #expect(ISODate.parse("2024-01-30T10:00:00Z") == 1_706_608_800)
        #expect(ISODate.parse("2024-01-30T12:00:00+02:00") == 1_706_608_800)
        #expect(ISODate.parse("2024-01-30 10:00:00") == 1_706_608_800)
        #expect(ISODate.parse("2024-01-30") == 1_706_572_800)
        #expect(ISODate.parse("2024-13-01") == nil)
        #expect(ISODate.parse("hello") == nil)
    }

    @Test func seedIsDeterministic() {
        let first = RecordSeeder.makeRecords(count: 50, projectId: "p", seed: 7)
        let second = RecordSeeder.makeRecords(count: 50, projectId: "p", seed: 7)
        #expect(first.map { $0.encoded() } == second.map { $0.encoded() })
        #expect(first[0].documentId == "DOC-0000001")
        #expect(first.allSatisfy { $0.fields.count == 7 })
        let other = RecordSeeder.makeRecords(count: 50, projectId: "p", seed: 8)
        #expect(first.map { $0.encoded() } != other.map { $0.encoded() })
    }

    @Test func globMatching() {
        #expect(Glob.matches("*", "/v1/anything"))
        #expect(Glob.matches("/v1/projects*", "/v1/projects/abc"))
        #expect(!Glob.matches("/v1/projects", "/v1/projects/abc"))
        #expect(Glob.matches("/v1/*/download", "/v1/files/x/download"))
    }
}
