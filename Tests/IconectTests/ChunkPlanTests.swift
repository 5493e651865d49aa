import Testing

@testable import Iconect

@Suite("ChunkPlan", .timeLimit(.minutes(2)))
struct ChunkPlanTests {
    static let minimum = 256 * 1024
    static let maximum = 64 * 1024 * 1024

    @Test func limitsAreTheContractsOnes() {
        #expect(ChunkPlan.minimumChunkSize == 262_144)
        #expect(ChunkPlan.maximumChunkSize == 67_108_864)
        #expect(ChunkPlan.defaultChunkSize == 8_388_608)
    }

    @Test func exactMultiple() throws {
        let plan = try ChunkPlan(fileSize: Int64(3 * Self.minimum), chunkSize: Self.minimum)
        #expect(plan.chunkCount == 3)
        #expect(plan.range(of: 0) == (0, Self.minimum))
        #expect(plan.range(of: 2) == (Int64(2 * Self.minimum), Self.minimum), "the last chunk of an exact multiple is full")
    }

    @Test func oneByteOver() throws {
        let plan = try ChunkPlan(fileSize: Int64(3 * Self.minimum + 1), chunkSize: Self.minimum)
        #expect(plan.chunkCount == 4)
        #expect(plan.range(of: 3) == (Int64(3 * Self.minimum), 1))
    }

    @Test func oneByteUnder() throws {
        let plan = try ChunkPlan(fileSize: Int64(3 * Self.minimum - 1), chunkSize: Self.minimum)
        #expect(plan.chunkCount == 3)
        #expect(plan.range(of: 2) == (Int64(2 * Self.minimum), Self.minimum - 1))
    }

    @Test func emptyFileHasNoChunks() throws {
        #expect(try ChunkPlan(fileSize: 0).chunkCount == 0)
        #expect(try ChunkPlan(fileSize: 0, chunkSize: Self.maximum).chunkCount == 0)
    }

    @Test func smallFileIsOneShortChunk() throws {
        let plan = try ChunkPlan(fileSize: 1)
        #expect(plan.chunkSize == ChunkPlan.defaultChunkSize)
        #expect(plan.chunkCount == 1)
        #expect(plan.range(of: 0) == (0, 1))
    }

    @Test func multiGigabyteFilesDoNotOverflow() throws {
        let fiveGiB: Int64 = 5 * 1024 * 1024 * 1024
        let plan = try ChunkPlan(fileSize: fiveGiB, chunkSize: Self.maximum)
        #expect(plan.chunkCount == 80)
        #expect(plan.range(of: 79) == (fiveGiB - Int64(Self.maximum), Self.maximum))
        #expect(try ChunkPlan(fileSize: fiveGiB + 1, chunkSize: Self.maximum).chunkCount == 81)
        let huge = try ChunkPlan(fileSize: 1 << 50, chunkSize: Self.minimum)
        #expect(huge.chunkCount == 1 << 32)
        #expect(huge.range(of: huge.chunkCount - 1).offset == (1 << 50) - Int64(Self.minimum))
    }

    @Test(arguments: [Int64(0), 1, 262_143, 262_144, 262_145, 8_388_607, 8_388_608, 8_388_609, 25_000_000, 100_000_001])
    func rangesTileTheFileExactly(size: Int64) throws {
        for chunkSize in [Self.minimum, 1_000_000, ChunkPlan.defaultChunkSize] {
            let plan = try ChunkPlan(fileSize: size, chunkSize: chunkSize)
            var next: Int64 = 0
            for number in 0..<plan.chunkCount {
                let range = plan.range(of: number)
                #expect(range.offset == next)
                #expect(range.length > 0 && range.length <= chunkSize)
                if number < plan.chunkCount - 1 { #expect(range.length == chunkSize, "only the last chunk may be short") }
                next += Int64(range.length)
            }
            #expect(next == size)
        }
    }

    @Test(arguments: [0, 1, 262_143, -262_144, 67_108_865, Int.max])
    func chunkSizesOutsideTheLimitsAreRejected(chunkSize: Int) throws {
        let error = try iconectError { _ = try ChunkPlan(fileSize: 10, chunkSize: chunkSize) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["chunkSize"])
        #expect(error.message.contains("\(chunkSize)"))
    }

    @Test func limitsThemselvesAreAccepted() throws {
        #expect(try ChunkPlan(fileSize: 10, chunkSize: Self.minimum).chunkSize == Self.minimum)
        #expect(try ChunkPlan(fileSize: 10, chunkSize: Self.maximum).chunkSize == Self.maximum)
    }

    @Test func negativeFileSizeIsRejected() throws {
        let error = try iconectError { _ = try ChunkPlan(fileSize: -1) }
        #expect(error.code == .validation)
        #expect(Array(error.fieldErrors.keys) == ["fileSize"])
    }

    @Test func aChunkNumberOutsideThePlanTraps() async {
        await #expect(processExitsWith: .failure) {
            let plan = try ChunkPlan(fileSize: 10, chunkSize: 262_144)
            _ = plan.range(of: 1)
        }
        await #expect(processExitsWith: .failure) {
            let plan = try ChunkPlan(fileSize: 10, chunkSize: 262_144)
            _ = plan.range(of: -1)
        }
    }
}
