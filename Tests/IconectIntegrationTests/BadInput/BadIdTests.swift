import Foundation
import Iconect
import IconectEmulator
import Testing

/// Ids a caller may pass by mistake or by malice. Empty ids and the dot segments `.` and `..` (which every HTTP stack
/// would remove, changing the route) are refused before anything is sent; any other id travels percent-encoded inside
/// its one path segment and reaches the route it was meant for.
@Suite("Bad input: ids", .timeLimit(.minutes(5)))
struct BadIdTests {
    enum Operation: String, CaseIterable, Sendable {
        case getProject, deleteProject, updateProject, getRecord, deleteRecord, getFile, deleteFile, downloadFile

        func run(_ client: IconectClient, id: String) async throws {
            switch self {
            case .getProject: _ = try await client.projects.get(id: id)
            case .deleteProject: try await client.projects.delete(id: id)
            case .updateProject: _ = try await client.projects.update(id: id, ProjectChanges(name: "renamed"))
            case .getRecord: _ = try await client.records.get(id: id)
            case .deleteRecord: try await client.records.delete(id: id)
            case .getFile: _ = try await client.files.get(id: id)
            case .deleteFile: try await client.files.delete(id: id)
            case .downloadFile: _ = try await client.files.download(id: id)
            }
        }
    }

    struct Refused: Sendable, CustomTestStringConvertible {
        let id: String
        let operation: Operation
        var testDescription: String { "\(operation.rawValue)(id: \"\(id)\")" }
    }

    static let refused: [Refused] = ["", ".", ".."].flatMap { id in Operation.allCases.map { Refused(id: id, operation: $0) } }

    @Test("refused before anything is sent", arguments: refused, TransportKind.allCases)
    func refusedBeforeSending(_ bad: Refused, transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projects = emulator.objects(in: "projects").count
            let error = try await expectIconectError { try await bad.operation.run(client, id: bad.id) }
            #expect(error.code == .validation)
            #expect(error.status == nil)
            #expect(error.fieldErrors["id"] != nil, "fields: \(error.fieldErrors.keys.sorted())")
            #expect(emulator.stats().totalRequests == 0, "nothing reached the server")
            #expect(emulator.objects(in: "projects").count == projects)
            #expect(try await client.projects.list().total >= 1, "the client still works")
        }
    }

    static let odd = ["a/b", "../etc", "%2e%2e", "a?b=c", "a#b", " x ", "Ünïcödé", "..%2f", "x/..", "...", ".a", "a.", "a;b", "~"]

    @Test("any other id stays in its segment and reaches its route", arguments: odd, TransportKind.allCases)
    func oddIdsReachTheirRoute(id: String, transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let error = try await expectIconectError { try await client.projects.get(id: id) }
            #expect(error.code == .notFound)
            #expect(emulator.stats().count("GET", "/v1/projects/{id}", status: 404) == 1)
            #expect(emulator.stats().count("GET", "/v1/projects") == 0, "it did not become a list")
            // A delete of the odd id deletes nothing else.
            let projects = emulator.objects(in: "projects").count
            _ = try? await client.projects.delete(id: id)
            #expect(emulator.objects(in: "projects").count == projects)
        }
    }
}
