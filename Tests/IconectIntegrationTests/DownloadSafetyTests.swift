import Foundation
import Iconect
import IconectEmulator
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Downloads never destroy data: the destination changes only when the new bytes are complete and verified, keeps its
/// permissions, and a stored "compressed" file with forged metadata cannot inflate past the limits.
@Suite("Downloads: the destination is safe", .timeLimit(.minutes(5)))
struct DownloadSafetyTests {
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("download-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("a 404 leaves the existing destination and nothing beside it", arguments: TransportKind.allCases)
    func notFoundLeavesTheDestination(transport: TransportKind) async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withEmulator(transport: transport) { emulator, client in
            let file = try await client.files.upload(Data(count: 500_000), options: ChunkedUploadTests.options(emulator, "z.bin"))
            let destination = directory.appendingPathComponent("kept.bin")
            try Data("precious".utf8).write(to: destination)
            // The second segment's request answers 404: the file vanished half-way.
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/files/*/download", status: 404, skip: 1)])
            let error = try await expectIconectError { try await client.files.download(id: file.id, to: destination, segmentSize: 200_000) }
            #expect(error.code == .notFound)
            #expect(try Data(contentsOf: destination) == Data("precious".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["kept.bin"], "no partial file is kept for a gone file")
        }
    }

    @Test("a replaced destination keeps its permissions; a new one is private", arguments: TransportKind.allCases)
    func permissions(transport: TransportKind) async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withEmulator(transport: transport) { emulator, client in
            let file = try await client.files.upload(Data("fresh".utf8), options: ChunkedUploadTests.options(emulator, "p.bin"))
            let existing = directory.appendingPathComponent("existing.bin")
            try Data("old".utf8).write(to: existing)
            chmod(existing.path, 0o640)
            try await client.files.download(id: file.id, to: existing)
            try await client.files.download(id: file.id, to: directory.appendingPathComponent("new.bin"), range: 0...2)
            #expect(filePermissions(existing) == 0o640)
            #expect(try Data(contentsOf: existing) == Data("fresh".utf8))
            #expect(filePermissions(directory.appendingPathComponent("new.bin")) == 0o600)
            #expect(try Data(contentsOf: directory.appendingPathComponent("new.bin")) == Data("fre".utf8))
        }
    }

    /// A small gzip file stored with metadata claiming it restores to 1 GiB: a "compressed upload" that is a bomb.
    static func forgedBomb(_ emulator: EmulatorServer, _ client: IconectClient, declared: Int) async throws -> File {
        let bomb = try Gzip.compress(Data(count: 64 << 20), level: 9)
        var options = ChunkedUploadTests.options(emulator, "bomb.txt")
        options.metadata = ["compressed": true, "compressionType": "gzip", "originalSize": .number(Double(declared))]
        return try await client.files.upload(bomb, options: options)
    }

    @Test("forged metadata claiming 1 GiB is refused before anything is restored", arguments: TransportKind.allCases)
    func forgedOriginalSize(transport: TransportKind) async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withEmulator(transport: transport) { emulator, client in
            let file = try await Self.forgedBomb(emulator, client, declared: 1 << 30)
            let inMemory = try await expectIconectError { try await client.files.download(id: file.id) }
            #expect(inMemory.code == .tooLarge, "\(inMemory)")
            let destination = directory.appendingPathComponent("bomb.txt")
            let onDisk = try await expectIconectError { try await client.files.download(id: file.id, to: destination) }
            #expect(onDisk.code == .tooLarge, "\(onDisk)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "nothing was written")
        }
    }

    @Test("metadata that understates the size: restoring stops at the declared size", arguments: TransportKind.allCases)
    func understatedOriginalSize(transport: TransportKind) async throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withEmulator(transport: transport) { emulator, client in
            let file = try await Self.forgedBomb(emulator, client, declared: 1_000)
            let memoryBefore = residentBytes()
            let inMemory = try await expectIconectError { try await client.files.download(id: file.id) }
            #expect(inMemory.code == .tooLarge, "\(inMemory)")
            let onDisk = try await expectIconectError { try await client.files.download(id: file.id, to: directory.appendingPathComponent("b")) }
            #expect(onDisk.code == .tooLarge, "\(onDisk)")
            #expect(residentBytes() - memoryBefore < 256 << 20)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        }
    }

    @Test("the gzip copy of an upload lives in a private directory; copies of dead processes are swept", arguments: TransportKind.allCases)
    func privateCompressedCopies(transport: TransportKind) async throws {
        let source = try ChunkedUploadTests.write(Data(String(repeating: "custodian,date,privileged\n", count: 100_000).utf8), suffix: ".csv")
        defer { try? FileManager.default.removeItem(at: source) }
        let shared = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-\(geteuid())")
        try? FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // A copy left by a process that no longer exists (pid 2^22 + 7 is above any Linux pid); named per test case, as the
        // cases for the two transports run at once and each must see its own orphan swept, not the other's written again.
        let orphan = shared.appendingPathComponent("upload-4194311-orphan-\(UUID().uuidString).gz")
        try Data("left behind".utf8).write(to: orphan)
        try await withEmulator(transport: transport) { emulator, client in
            let file = try await client.files.upload(fileAt: source, options: ChunkedUploadTests.options(emulator, "big.csv"),
                                                     transfer: TransferOptions(chunkSize: 256 * 1024, compression: .always))
            #expect(file.metadata?["compressed"] == true)
        }
        #expect(filePermissions(shared) == 0o700)
        #expect(!FileManager.default.fileExists(atPath: orphan.path), "the orphan was swept")
    }
}
