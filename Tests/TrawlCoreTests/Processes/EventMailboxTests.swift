import Testing
@testable import TrawlCore

extension Processes {
    struct EventMailboxTests {
        @Test func deliversInOrderAndWakesAWaitingConsumer() async {
            let mailbox = EventMailbox<Int>()
            mailbox.post(1)
            mailbox.post(2)
            #expect(await mailbox.next() == 1)
            #expect(await mailbox.next() == 2)
            async let third = mailbox.next()
            #expect(await Self.consumerWaits(on: mailbox))
            mailbox.post(3)
            #expect(await third == 3)
        }

        /// Waits (up to 30 s) until the consumer waits in `next()`.
        static func consumerWaits(on mailbox: EventMailbox<Int>) async -> Bool {
            let deadline = ContinuousClock.now + .seconds(30)
            while !mailbox.hasWaitingConsumer {
                guard ContinuousClock.now < deadline else { return false }
                try? await Task.sleep(for: .milliseconds(1))
            }
            return true
        }

        /// The point of the mailbox: Ctrl-C cancels the coordinator's task,
        /// and it must still receive every event after that.
        @Test func keepsDeliveringAfterItsConsumerIsCancelled() async {
            let mailbox = EventMailbox<Int>()
            let consumer = Task {
                var received: [Int] = []
                while received.count < 3 { received.append(await mailbox.next()) }
                return received
            }
            // Cancelled while it waits: the path Ctrl-C takes.
            #expect(await Self.consumerWaits(on: mailbox))
            consumer.cancel()
            for value in 1...3 { mailbox.post(value) }
            #expect(await consumer.value == [1, 2, 3])
        }

        @Test func manyPostersLoseNothing() async {
            let mailbox = EventMailbox<Int>()
            await withTaskGroup(of: Void.self) { group in
                for poster in 0..<4 {
                    group.addTask { for index in 0..<1_000 { mailbox.post(poster * 1_000 + index) } }
                }
                var received: [Int] = []
                for _ in 0..<4_000 { received.append(await mailbox.next()) }
                #expect(received.sorted() == Array(0..<4_000))
            }
        }
    }
}
