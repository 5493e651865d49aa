import Foundation
import Iconect
import IconectEmulator
import Testing

/// Filters a caller (or an agent reading adversarial text) may build: field names that look like operators, list values
/// holding commas, operands with no query form, patterns that would backtrack forever. Each either fails with a typed
/// error naming the filter before anything is sent, or means exactly what it says on the server, answered quickly.
@Suite("Bad input: filters", .timeLimit(.minutes(5)))
struct BadFilterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let filter: @Sendable () throws -> Filter
        /// The typed error expected (nil: the search succeeds) and the field it names.
        var refused: (code: IconectError.Code, field: String, sent: Bool)?
        /// How many of the records made by ``setUp`` the search must find.
        var matches = 0
    }

    static let cases: [Case] = [
        Case(testDescription: "a field named like an operator is a field, not an operator",
             filter: { Filter().where("status[$ne]", equals: "deleted") }),
        Case(testDescription: "a bracketed field name with an operator",
             filter: { Filter().where("custodian]", .in(["Alvarez"])) }),
        Case(testDescription: "$in with one value holding a comma matches that value only",
             filter: { Filter().where("custodian", .in(["Alvarez,Chen"])) }, matches: 1),
        Case(testDescription: "$in with values holding commas, among others",
             filter: { Filter().where("custodian", .in(["Alvarez,Chen", "Okafor"])) }, matches: 2),
        Case(testDescription: "$nin with a value holding a comma",
             filter: { Filter().where("custodian", .nin(["Alvarez,Chen"])).where("custodian", .exists(true)) }, matches: 2),
        Case(testDescription: "values holding & = and # travel as values",
             filter: { Filter().where("custodian", equals: "A&B=C#D") }, matches: 1),
        Case(testDescription: "an empty $in list is refused",
             filter: { Filter().where("custodian", .in([])) }, refused: (.validation, "filter.custodian", false)),
        Case(testDescription: "an object operand has no query form",
             filter: { Filter().where("custodian", equals: ["a": 1]) }, refused: (.validation, "filter.custodian", false)),
        Case(testDescription: "a null operand has no query form",
             filter: { Filter().where("custodian", equals: .null) }, refused: (.validation, "filter.custodian", false)),
        Case(testDescription: "an unknown operator from JSON is refused",
             filter: { try Filter(json: ["custodian": ["$where": "sleep(1000)"]]) }, refused: (.validation, "filter.custodian", false)),
        Case(testDescription: "an empty field name from JSON is refused",
             filter: { try Filter(json: ["": "x"]) }, refused: (.validation, "filter", false)),
        Case(testDescription: "a catastrophic pattern answers at once",
             filter: { Filter().where("title", .regex("^(a+)+$")) }),
        Case(testDescription: "a catastrophic alternation answers at once",
             filter: { Filter().where("title", .regex("^(a|aa)+$")) }),
        Case(testDescription: "a backreference is refused by the server",
             filter: { Filter().where("title", .regex("(a)\\1")) }, refused: (.validation, "filter.title[$regex]", true)),
        Case(testDescription: "lookahead is refused by the server",
             filter: { Filter().where("title", .regex("(?=a)a")) }, refused: (.validation, "filter.title[$regex]", true)),
        Case(testDescription: "a 10,000-character pattern is refused by the server",
             filter: { Filter().where("title", .regex(String(repeating: "a", count: 10_000))) },
             refused: (.validation, "filter.title[$regex]", true)),
        Case(testDescription: "a repeat count of a million is refused by the server",
             filter: { Filter().where("title", .regex("a{1000000}")) }, refused: (.validation, "filter.title[$regex]", true)),
    ]

    /// Records whose values the cases look for; returns the project id.
    static func setUp(_ emulator: EmulatorServer, _ client: IconectClient) async throws -> String {
        let projectId = emulator.seed.projectId
        let values: [(String, JSONValue)] = [
            ("Alvarez,Chen", .string(String(repeating: "a", count: 40) + "b")), ("Okafor", "x"), ("A&B=C#D", "y"),
        ]
        for (index, (custodian, title)) in values.enumerated() {
            _ = try await client.records.create(NewRecord(documentId: "FILTER-\(index)", projectId: projectId,
                                                          fields: ["custodian": .string(custodian), "title": title]))
        }
        return projectId
    }

    @Test(arguments: cases, TransportKind.allCases)
    func filter(_ bad: Case, transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = try await Self.setUp(emulator, client)
            let before = emulator.stats().count("GET", "/v1/records/search")
            let started = ContinuousClock.now
            do {
                let page = try await client.records.search(RecordQuery(projectId: projectId, filter: try bad.filter()))
                #expect(bad.refused == nil, "expected \(String(describing: bad.refused)), got \(page.total) records")
                #expect(page.total == bad.matches)
            } catch let error as IconectError {
                let refused = try #require(bad.refused, "unexpected \(error)")
                #expect(error.code == refused.code)
                #expect(error.fieldErrors[refused.field] != nil, "fields: \(error.fieldErrors.keys.sorted())")
                #expect(emulator.stats().count("GET", "/v1/records/search") == before + (refused.sent ? 1 : 0))
            }
            #expect(ContinuousClock.now - started < .seconds(10))
            #expect(try await client.projects.list().total >= 1, "the client and the server still work")
        }
    }
}
