import Foundation
import Testing
@testable import TrawlStore

struct StorePathTests {
    @Test(arguments: [
        ("a/b/state.db", "a/b", "state.db"),
        ("state.db", ".", "state.db"),
        ("/state.db", "/", "state.db"),
        ("OUT/", "OUT", ""),
    ])
    func splitSeparatesFolderAndName(path: String, folder: String, name: String) {
        let parts = StorePath.split(path)
        #expect(parts.folder == folder)
        #expect(parts.name == name)
    }

    @Test func aRelativePathResolvesAgainstTheCurrentFolder() throws {
        let resolved = try StorePath.resolve("trawl-store-test-\(getpid()).db")
        #expect(resolved.hasPrefix("/"))
        #expect(resolved.hasSuffix("/trawl-store-test-\(getpid()).db"))
    }

    @Test func aPathEndingInASlashIsRefused() throws {
        let error = try #require(throws: StoreError.self) { try StorePath.resolve("missing-folder-\(getpid())/") }
        #expect(error.code == .cannotOpen)
        #expect(error.message == "cannot open 'missing-folder-\(getpid())/': the path names a folder, not a file")
    }
}
