import Foundation
import Iconect
import IconectEmulator
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Files a caller may name by mistake or that an attacker may plant: symbolic links, directories, FIFOs, devices,
/// unreadable paths. A download never follows a link, never replaces a directory and leaves the destination (and anything a
/// link points to) untouched on failure; an upload refuses what is not a regular file before anything is sent. Nothing
/// hangs on a FIFO.
@Suite("Bad input: files", .timeLimit(.minutes(5)))
struct BadFileTests {
    /// A scratch directory with a victim file that must never change.
    struct Scratch {
        let directory: URL
        var victim: URL { directory.appendingPathComponent("victim.txt") }
        static let victimBytes = Data("do not overwrite".utf8)

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("bad-files-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Self.victimBytes.write(to: directory.appendingPathComponent("victim.txt"))
        }

        func path(_ name: String) -> URL { directory.appendingPathComponent(name) }
        func remove() { try? FileManager.default.removeItem(at: directory) }
    }

    enum Destination: String, CaseIterable, Sendable {
        case symlinkToFile, symlinkToDirectory, danglingSymlink, directory, fifo, missingParent, trailingSlash, device

        /// Makes the bad destination in `scratch`.
        func make(in scratch: Scratch) throws -> URL {
            let manager = FileManager.default
            let target = scratch.path("target")
            switch self {
            case .symlinkToFile:
                try manager.createSymbolicLink(at: target, withDestinationURL: scratch.victim)
            case .symlinkToDirectory:
                try manager.createDirectory(at: scratch.path("inner"), withIntermediateDirectories: true)
                try manager.createSymbolicLink(at: target, withDestinationURL: scratch.path("inner"))
            case .danglingSymlink:
                try manager.createSymbolicLink(at: target, withDestinationURL: scratch.path("nowhere"))
            case .directory:
                try manager.createDirectory(at: target, withIntermediateDirectories: true)
                try Scratch.victimBytes.write(to: target.appendingPathComponent("inside.txt"))
            case .fifo:
                guard mkfifo(target.path, 0o600) == 0 else { throw HarnessError("mkfifo failed") }
            case .missingParent:
                return scratch.path("no/such/dir/file.bin")
            case .trailingSlash:
                return URL(fileURLWithPath: scratch.directory.path + "/")
            case .device:
                return URL(fileURLWithPath: "/dev/null")
            }
            return target
        }
    }

    /// What the scratch directory holds, names and contents (links as their target), to compare before and after.
    static func snapshot(_ scratch: Scratch) throws -> [String: String] {
        var entries: [String: String] = [:]
        let manager = FileManager.default
        for name in try manager.subpathsOfDirectory(atPath: scratch.directory.path) {
            let path = scratch.path(name).path
            if let link = try? manager.destinationOfSymbolicLink(atPath: path) {
                entries[name] = "link → \(link)"
            } else if let data = manager.contents(atPath: path) {
                entries[name] = "file \(data.count) \(data.hashValue)"
            } else {
                entries[name] = "other"
            }
        }
        return entries
    }

    @Test("a download to a bad destination is refused before anything is sent; nothing changes",
          arguments: Destination.allCases, TransportKind.allCases)
    func badDownloadDestination(_ kind: Destination, transport: TransportKind) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try await withEmulator(transport: transport) { emulator, client in
            let file = try await client.files.upload(Data("server bytes".utf8), options: ChunkedUploadTests.options(emulator, "f.bin"))
            let destination = try kind.make(in: scratch)
            let before = try Self.snapshot(scratch)
            let downloads = emulator.stats().count("GET", "/v1/files/{id}/download")
            for range: ClosedRange<Int64>? in [nil, 0...3] {
                let error = try await expectIconectError { try await client.files.download(id: file.id, to: destination, range: range) }
                #expect(error.code == .validation)
                #expect(error.fieldErrors["destination"] != nil, "\(error)")
            }
            #expect(try Self.snapshot(scratch) == before)
            #expect(try Data(contentsOf: scratch.victim) == Scratch.victimBytes)
            #expect(emulator.stats().count("GET", "/v1/files/{id}/download") == downloads)
            // Still works for a good destination.
            try await client.files.download(id: file.id, to: scratch.path("good.bin"))
            #expect(try Data(contentsOf: scratch.path("good.bin")) == Data("server bytes".utf8))
        }
    }

    enum PlantedPartial: String, CaseIterable, Sendable {
        case symlinkToVictim, directory, fifo
    }

    @Test("a link, directory or FIFO planted at the partial file's name is never written through",
          arguments: PlantedPartial.allCases, TransportKind.allCases)
    func plantedPartialFile(_ kind: PlantedPartial, transport: TransportKind) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try await withEmulator(transport: transport) { emulator, client in
            let bytes = ChunkedUploadTests.noise(count: 300_000)
            let file = try await client.files.upload(bytes, options: ChunkedUploadTests.options(emulator, "p.bin"))
            let destination = scratch.path("out.bin")
            let stored = try await client.files.get(id: file.id)
            let partial = scratch.path(".out.bin.\(String(stored.hash?.prefix(16) ?? "")).iconect-partial")
            switch kind {
            case .symlinkToVictim: try FileManager.default.createSymbolicLink(at: partial, withDestinationURL: scratch.victim)
            case .directory: try FileManager.default.createDirectory(at: partial, withIntermediateDirectories: true)
            case .fifo: guard mkfifo(partial.path, 0o600) == 0 else { throw HarnessError("mkfifo failed") }
            }
            try await client.files.download(id: file.id, to: destination, segmentSize: 100_000)
            #expect(try Data(contentsOf: destination) == bytes)
            #expect(try Data(contentsOf: scratch.victim) == Scratch.victimBytes)
            #expect(filePermissions(partial) != nil, "the planted entry is left as it was")
            #expect(filePermissions(destination) == 0o600, "a new download is private")
        }
    }

    enum Source: String, CaseIterable, Sendable {
        case missing, directory, fifo, device, symlinkToFifo, throughAFile

        func make(in scratch: Scratch) throws -> URL {
            let target = scratch.path("source")
            switch self {
            case .missing: return scratch.path("absent.bin")
            case .directory: try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            case .fifo: guard mkfifo(target.path, 0o600) == 0 else { throw HarnessError("mkfifo failed") }
            case .device: return URL(fileURLWithPath: "/dev/zero")
            case .symlinkToFifo:
                guard mkfifo(scratch.path("pipe").path, 0o600) == 0 else { throw HarnessError("mkfifo failed") }
                try FileManager.default.createSymbolicLink(at: target, withDestinationURL: scratch.path("pipe"))
            case .throughAFile: return scratch.victim.appendingPathComponent("child.bin")  // unreadable: a file is no directory
            }
            return target
        }
    }

    @Test("an upload of what is not a readable regular file is refused before anything is sent, without hanging",
          arguments: Source.allCases, TransportKind.allCases)
    func badUploadSource(_ kind: Source, transport: TransportKind) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try await withEmulator(transport: transport) { emulator, client in
            let source = try kind.make(in: scratch)
            let error = try await expectIconectError {
                try await client.files.upload(fileAt: source, options: ChunkedUploadTests.options(emulator, "s.bin"))
            }
            #expect(error.code == .validation)
            #expect(error.fieldErrors["fileURL"] != nil, "\(error)")
            #expect(emulator.stats().totalRequests == 0, "nothing reached the server")
            #expect(emulator.objects(in: "files").isEmpty)
        }
    }
}
