// Offline: firebase-admin must not probe the GCE metadata server, and the demo project id keeps
// every test away from production.
process.env.METADATA_SERVER_DETECTION = 'none';
process.env.GCLOUD_PROJECT ??= 'demo-salon-sync';
process.env.TZ ??= 'UTC';
