export interface DemoState {
  businessId: string;
  businessName: string;
  timeZone: string;
  staff: { id: string; name: string; email: string }[];
  services: { id: string; name: string; durationMinutes: number }[];
  connections: { id: string; staffId: string; status: string; calendarId: string }[];
  appointments: {
    id: string;
    staffId: string;
    serviceId: string;
    customer: string;
    start: string;
    status: string;
    version: number;
    sync: { connectionId: string; syncStatus: string; errorMessage?: string }[];
  }[];
  calendars: { staffId: string; calendarId: string; events: { id: string; summary: string; start: string }[] }[];
  externalBusy: { staffId: string; start: string; end: string }[];
  conflicts: Record<string, unknown>[];
}

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain page over the demo state (the admin dashboard is a later piece of work). */
export function renderDemoPage(state: DemoState): string {
  const local = (iso: string) => new Date(iso).toLocaleString('en-GB', { timeZone: state.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const staffName = (id: string) => state.staff.find((s) => s.id === id)?.name ?? id;
  const rows = state.appointments
    .map(
      (a) => `<tr><td>${escape(a.id)}</td><td>${escape(local(a.start))}</td><td>${escape(staffName(a.staffId))}</td><td>${escape(a.customer)}</td>
<td>${escape(a.status)} (v${a.version})</td><td>${a.sync.map((s) => `${escape(s.syncStatus)}${s.errorMessage ? `: ${escape(s.errorMessage)}` : ''}`).join('<br>')}</td>
<td>${a.status === 'cancelled' ? '' : `<button onclick="cancel('${escape(a.id)}')">cancel</button>`}</td></tr>`,
    )
    .join('\n');
  const calendars = state.calendars
    .map((c) => {
      const connection = state.connections.find((conn) => conn.staffId === c.staffId);
      const link = connection ? `connection ${escape(connection.status)}` : `<a href="/demo/connect/${escape(c.staffId)}">connect Google Calendar (OAuth)</a>`;
      const events = c.events.map((e) => `<li>${escape(e.summary)} — ${escape(e.start)}</li>`).join('') || '<li><em>no events</em></li>';
      return `<h3>${escape(staffName(c.staffId))} &lt;${escape(c.calendarId)}&gt; — ${link}</h3><ul>${events}</ul>`;
    })
    .join('\n');
  const options = (items: { id: string; name: string }[]) => items.map((i) => `<option value="${escape(i.id)}">${escape(i.name)}</option>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>salon-sync local stack</title>
<style>body{font:14px system-ui;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}</style></head><body>
<h1>${escape(state.businessName)} — salon-sync local stack (${escape(state.timeZone)})</h1>
<h2>New appointment</h2>
<form id="new"><select name="staffId">${options(state.staff)}</select> <select name="serviceId">${options(state.services)}</select>
<input name="start" type="datetime-local" required> <input name="customerName" placeholder="customer" required> <button>book</button></form>
<h2>Appointments (Firestore) and their calendarSync</h2>
<table><tr><th>id</th><th>start (local)</th><th>stylist</th><th>customer</th><th>status</th><th>sync</th><th></th></tr>${rows}</table>
<h2>Sandbox Google calendars</h2>${calendars}
<h2>Busy time read back from the stylists' calendars (externalBusy)</h2>
<ul>${state.externalBusy.map((b) => `<li>${escape(staffName(b.staffId))}: ${escape(local(b.start))} – ${escape(local(b.end))}</li>`).join('') || '<li><em>none</em></li>'}</ul>
<h2>Conflicts</h2>
<ul>${state.conflicts.map((c) => `<li><code>${escape(JSON.stringify(c))}</code></li>`).join('') || '<li><em>none</em></li>'}</ul>
<p><a href="/demo/state.json">state.json</a></p>
<script>
document.getElementById('new').onsubmit = async (e) => { e.preventDefault(); const f = new FormData(e.target);
  const body = { staffId: f.get('staffId'), serviceId: f.get('serviceId'), start: new Date(f.get('start')).toISOString(), customerName: f.get('customerName') };
  const r = await fetch('/demo/appointments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) alert((await r.json()).error); setTimeout(() => location.reload(), 500); };
async function cancel(id) { await fetch('/demo/appointments/' + id + '/cancel', { method: 'POST' }); setTimeout(() => location.reload(), 500); }
</script></body></html>`;
}
