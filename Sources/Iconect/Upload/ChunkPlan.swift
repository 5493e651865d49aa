/// How a file of a given size splits into numbered chunks (CONTRACT.md: 256 KiB to 64 MiB, numbered from 0, every chunk full-size
/// but the last).
public struct ChunkPlan: Sendable, Hashable {
    /// The smallest chunk the server accepts.
    public static let minimumChunkSize = 256 * 1024
    /// The largest chunk the server accepts.
    public static let maximumChunkSize = 64 * 1024 * 1024
    /// The default chunk size.
    public static let defaultChunkSize = 8 * 1024 * 1024

    public let fileSize: Int64
    public let chunkSize: Int

    /// - Throws: ``IconectError/Code/validation`` when the size is negative or the chunk size is outside the server's limits.
    public init(fileSize: Int64, chunkSize: Int = ChunkPlan.defaultChunkSize) throws {
        guard fileSize >= 0 else { throw IconectError.invalidArgument("fileSize", "must not be negative, got \(fileSize)") }
        guard (Self.minimumChunkSize...Self.maximumChunkSize).contains(chunkSize) else {
            throw IconectError.invalidArgument(
                "chunkSize", "must be between \(Self.minimumChunkSize) and \(Self.maximumChunkSize) bytes, got \(chunkSize)")
        }
        self.fileSize = fileSize
        self.chunkSize = chunkSize
    }

    /// How many chunks the file has (an empty file has none).
    public var chunkCount: Int { Int((fileSize + Int64(chunkSize) - 1) / Int64(chunkSize)) }

    /// The byte offset and length of chunk `number`.
    public func range(of number: Int) -> (offset: Int64, length: Int) {
        precondition(number >= 0 && number < chunkCount, "chunk \(number) is outside 0..<\(chunkCount)")
        let offset = Int64(number) * Int64(chunkSize)
        return (offset, Int(min(Int64(chunkSize), fileSize - offset)))
    }
}
