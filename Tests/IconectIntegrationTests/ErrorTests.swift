import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Precise, typed errors", .timeLimit(.minutes(10)))
struct ErrorTests {
    @Test("an empty id is refused before anything is sent", arguments: TransportKind.allCases)
    func emptyId(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let error = try await expectIconectError { try await client.projects.get(id: "") }
            #expect(error.code == .validation)
            #expect(error.fieldErrors["id"] != nil)
            #expect(error.operation == "iconect_get_project")
            #expect(emulator.stats().totalRequests == 0)
        }
    }

    @Test("page sizes outside the operation's range are refused, naming the parameter",
          arguments: TransportKind.allCases, [(0, 100), (101, 100), (1001, 1000)])
    func pageSizeLimits(transport: TransportKind, limit: (size: Int, maximum: Int)) async throws {
        let (size, maximum) = limit
        try await withEmulator(transport: transport) { emulator, client in
            let error: IconectError
            if maximum == 1000 {
                error = try await expectIconectError {
                    try await client.records.search(RecordQuery(projectId: emulator.seed.projectId).page(1, size: size))
                }
            } else {
                error = try await expectIconectError { try await client.projects.list(ListOptions(pageSize: size)) }
            }
            #expect(error.code == .validation)
            #expect(error.fieldErrors["pageSize"]?.first?.contains("\(maximum)") == true)
            #expect(emulator.stats().count("GET", "/v1/projects") + emulator.stats().count("GET", "/v1/records/search") == 0)
        }
    }

    @Test("page 0 is refused", arguments: TransportKind.allCases)
    func pageZero(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { _, client in
            let error = try await expectIconectError { try await client.projects.list(ListOptions(page: 0)) }
            #expect(error.code == .validation)
            #expect(error.fieldErrors["page"] != nil)
        }
    }

    @Test("malformed and insecure URLs fail at construction, naming the field")
    func badConfiguration() throws {
        for text in ["not a url", "ftp://example.com", "http://api.example.com", "https://"] {
            let error = #expect(throws: IconectError.self) { _ = try IconectConfiguration(baseURL: text) }
            #expect(error?.code == .invalidConfiguration, "\(text)")
            #expect(error?.fieldErrors["baseURL"] != nil, "\(text)")
        }
        #expect(throws: Never.self) { _ = try IconectConfiguration(baseURL: "http://api.example.com", allowInsecureHTTP: true) }
    }

    @Test("a 404 keeps the status, the server's code and message, and the request id", arguments: TransportKind.allCases)
    func notFound(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { _, client in
            let error = try await expectIconectError { try await client.projects.get(id: "no-such-project") }
            #expect(error.code == .notFound)
            #expect(error.status == 404)
            #expect(error.serverCode == "NOT_FOUND")
            #expect(!error.message.isEmpty)
            #expect(error.requestId?.isEmpty == false)
            #expect("\(error)".contains("404"))
        }
    }

    @Test("a server's validation error carries its field messages", arguments: TransportKind.allCases)
    func serverValidation(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let error = try await expectIconectError {
                try await client.records.bulk(projectId: emulator.seed.projectId, action: "shred", recordIds: ["x"])
            }
            #expect(error.code == .validation)
            #expect(error.status == 400)
            #expect(error.fieldErrors["action"] != nil)
        }
    }

    @Test("a server answering invalid JSON gives .decoding", arguments: TransportKind.allCases)
    func invalidJSON(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects/*", malformedBody: true)])
            let error = try await expectIconectError { try await client.projects.get(id: emulator.seed.projectId) }
            #expect(error.code == .decoding)
            #expect(error.operation == "iconect_get_project")
        }
    }

    @Test("unknown fields and enum values from a newer server decode without error", arguments: TransportKind.allCases)
    func forwardCompatibleDecoding(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            try emulator.insert(into: "projects", [
                "id": "prj-future", "name": "From the future", "clientId": .string(emulator.seed.clientId),
                "dataServerId": .string(emulator.seed.dataServerId), "status": "quarantined",
                "aiSummary": ["model": "x", "confidence": 0.9], "retentionPolicy": "7y",
                "createdDate": "2024-01-30 10:00:00", "modifiedDate": "2024-01-30T12:00:00+02:00",
            ])
            let project = try await client.projects.get(id: "prj-future")
            #expect(project.status?.rawValue == "quarantined")
            #expect(project.status?.isKnown == false)
            #expect(project.createdDate == project.modifiedDate, "10:00 UTC and 12:00+02:00 are the same instant")
        }
    }
}
