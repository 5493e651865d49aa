import Foundation
@testable import IconectCLI
import Testing

/// A downloaded file's destination never leaves the output directory, whatever its stored name.
struct StoredNameTests {
    @Test(arguments: [
        ("DOC-1.pdf", "/out/DOC-1.pdf"),
        ("volume001/natives/DOC-1.pdf", "/out/volume001/natives/DOC-1.pdf"),
        ("../../etc/passwd", "/out/etc/passwd"),
        ("/etc/passwd", "/out/etc/passwd"),
        ("a/./b/../c", "/out/a/b/c"),
        ("..", "/out/f-1"),
        ("", "/out/f-1"),
        ("dir\\file.txt", "/out/dir/file.txt"),
    ])
    func staysUnderTheDirectory(_ name: String, _ expected: String) {
        #expect(StoredName.destination(for: name, fallback: "f-1", in: URL(fileURLWithPath: "/out")).path == expected)
    }
}
