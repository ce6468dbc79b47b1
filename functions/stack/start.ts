/** `npm start`: the local stack on loopback. Ports: FUNCTIONS_PORT (5001), GOOGLE_SANDBOX_PORT (8085). */
import { startLocalStack } from './local-stack';

process.env.METADATA_SERVER_DETECTION = 'none';

async function main(): Promise<void> {
  const stack = await startLocalStack({
    functionsPort: Number(process.env.FUNCTIONS_PORT ?? 5001),
    googlePort: Number(process.env.GOOGLE_SANDBOX_PORT ?? 8085),
  });
  await stack.idle();
  const lines = [
    'salon-sync local stack is running (Ctrl+C stops it):',
    `  demo page (appointments, sync status, calendars)  ${stack.functionsUrl}/demo`,
    `  demo state as JSON                                ${stack.functionsUrl}/demo/state.json`,
    `  functions: oauthStart, oauthCallback              ${stack.functionsUrl}/oauthStart, ${stack.functionsUrl}/oauthCallback`,
    `  function: googleNotifications (push channels)     ${stack.functionsUrl}/googleNotifications`,
    `  triggers                                          every write to appointments and calendarConnections`,
    `  scheduled: retrySyncs, pollCalendars, renewChannels  every 5 min, 10 min, 6 h`,
    `  Firestore server (gRPC)                           ${stack.firestore.host}  (FIRESTORE_EMULATOR_HOST=${stack.firestore.host})`,
    `  sandbox Google Calendar                           ${stack.sandbox.url}  (events as JSON: ${stack.sandbox.url}/sandbox/calendars/<email>/events)`,
    `  demo salon: ${stack.salon.businessId}, ${stack.salon.appointmentIds.length} appointments synced to Anna's and Ola's calendars`,
    `  act as Anna in her own calendar (comes back as busy time by push):`,
    `    curl -X POST ${stack.sandbox.url}/sandbox/calendars/anna@studio-bella.example/events -H 'content-type: application/json' \\`,
    `    -d '{"summary":"Dentist","start":{"dateTime":"${nextWorkingMorning()}"},"end":{"dateTime":"${nextWorkingMorning(1)}"}}'`,
    `  create one: curl -X POST ${stack.functionsUrl}/demo/appointments -H 'content-type: application/json' \\`,
    `    -d '{"staffId":"${stack.salon.staffIds.anna}","serviceId":"${stack.salon.serviceIds.womensHaircut}","start":"${nextWorkingMorning()}","customerName":"Jan Kowalski"}'`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

function nextWorkingMorning(plusHours = 0): string {
  const date = new Date(Date.now() + 2 * 86_400_000);
  while ([0, 6].includes(date.getUTCDay())) date.setUTCDate(date.getUTCDate() + 1);
  return `${date.toISOString().slice(0, 10)}T${String(9 + plusHours).padStart(2, '0')}:00:00Z`;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
