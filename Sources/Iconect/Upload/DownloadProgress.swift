/// How far a download to disk has got. Delivered through the `progress` continuation of
/// ``FilesResource/download(id:to:range:restoresOriginal:segmentSize:progress:)``, once per segment written:
///
/// ```swift
/// let (progress, reporter) = AsyncStream.makeStream(of: DownloadProgress.self, bufferingPolicy: .bufferingNewest(1))
/// async let done: Void = client.files.download(id: id, to: destination, progress: reporter)
/// for await step in progress { print(Int(step.fractionCompleted * 100), "%") }
/// try await done
/// ```
public struct DownloadProgress: Sendable, Hashable {
    /// Stored bytes on disk so far, including those a resumed download found in its partial file.
    public var bytesReceived: Int64
    /// The stored size, when the server gave one.
    public var totalBytes: Int64?
    /// Bytes per second received by this run.
    public var bytesPerSecond: Double
    /// The estimated time left, nil while unknown.
    public var estimatedTimeRemaining: Duration?
    /// Time since the download started.
    public var elapsed: Duration

    /// The fraction done, from 0 to 1 (0 while the size is unknown).
    public var fractionCompleted: Double {
        guard let totalBytes else { return 0 }
        return totalBytes > 0 ? Double(bytesReceived) / Double(totalBytes) : 1
    }
}
