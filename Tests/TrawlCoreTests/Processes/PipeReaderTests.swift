import Testing
@testable import TrawlCore

extension Processes {
    struct PipeReaderTests {
        /// A worker's side: frames written to one end of a pipe with
        /// `FrameWriter` are read from the other with `PipeReader`.
        @Test func aWriterAndAReaderTalkOverAPipe() async throws {
            let ends = try LinuxCalls.closeOnExecPipe().get()
            let writer = FrameWriter(fileDescriptor: ends.write, peerName: "the test")
            let messages = try PipeReader.messages(fromFileDescriptor: ends.read, peerName: "the test")
            try writer.send(contentsOf: ShardMessageSamples.all)
            try writer.send(ShardMessageSamples.manyURLs(10_000))
            writer.close()
            var received: [ShardMessage] = []
            for try await message in messages { received.append(message) }
            #expect(received == ShardMessageSamples.all + [ShardMessageSamples.manyURLs(10_000)])
        }

        @Test func aWriterRefusesToSendAfterClosing() throws {
            let ends = try LinuxCalls.closeOnExecPipe().get()
            let writer = FrameWriter(fileDescriptor: ends.write, peerName: "the coordinator")
            writer.close()
            writer.close()
            #expect(throws: TrawlError.self) { try writer.send(.stop) }
            _ = try PipeReader.messages(fromFileDescriptor: ends.read, peerName: "the test")
        }
    }
}
