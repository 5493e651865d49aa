/// How far a download to disk has got. Delivered through the `progress` continuation of
/// ``FilesResource/download(id:to:range:restoresOriginal:segmentSize:progress:)``, which is finished when the download ends.
public struct DownloadProgress: Sendable, Hashable {
    /// Bytes of the stored file written so far (a resumed download starts from what its partial file held).
    public var bytesReceived: Int64
    /// The stored file's size, when the server gave it.
    public var totalBytes: Int64?

    /// A step of `bytesReceived` of `totalBytes`.
    public init(bytesReceived: Int64, totalBytes: Int64?) {
        self.bytesReceived = bytesReceived
        self.totalBytes = totalBytes
    }
}
