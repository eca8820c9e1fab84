// The one connection to /hubs/together that the partners' and the therapist's live pages both open.
import { HubConnectionBuilder, LogLevel, type HubConnection } from "@microsoft/signalr";

/** Reconnects on its own for about half a minute, and notices a silent server within 10 s. */
export function togetherHub(): HubConnection {
  const connection = new HubConnectionBuilder()
    .withUrl("/hubs/together")
    .withAutomaticReconnect([0, 1000, 2000, 4000, 8000, 8000])
    .configureLogging(LogLevel.None)
    .build();
  connection.serverTimeoutInMilliseconds = 10_000;
  connection.keepAliveIntervalInMilliseconds = 5_000;
  return connection;
}
