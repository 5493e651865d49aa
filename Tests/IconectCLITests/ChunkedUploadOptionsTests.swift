import ArgumentParser
import Foundation
import Iconect
@testable import IconectCLI
import Testing

/// How `upload` and `import` turn their options into the SDK's transfer options.
struct ChunkedUploadOptionsTests {
    @Test func defaultsAreResumableWithPerChunkDigests() throws {
        let transfer = try ChunkedUploadOptions.parse([]).transfer
        #expect(transfer.chunkSize == 8 << 20)
        #expect(transfer.concurrency == 4)
        #expect(transfer.compression == .automatic)
        #expect(transfer.keepsSessionForResume)
        #expect(!transfer.verifiesWholeFile, "one pass over the file unless asked")
    }

    @Test func optionsReachTheTransfer() throws {
        let transfer = try ChunkedUploadOptions.parse(["--chunk-size", "16", "--concurrency", "2", "--compress", "never",
                                                       "--resume-dir", "/tmp/resume", "--verify-whole-file"]).transfer
        #expect(transfer.chunkSize == 16 << 20)
        #expect(transfer.concurrency == 2)
        #expect(transfer.compression == .never)
        #expect(transfer.resumeDirectory?.path == "/tmp/resume")
        #expect(transfer.verifiesWholeFile)
    }

    @Test func outOfRangeValuesAreRefused() {
        #expect(throws: (any Error).self) { try ChunkedUploadOptions.parse(["--chunk-size", "65"]) }
        #expect(throws: (any Error).self) { try ChunkedUploadOptions.parse(["--concurrency", "0"]) }
    }
}
