import fp from 'fastify-plugin';

// Placeholder: loads req.user from the session cookie and enforces CSRF. Filled in by its owner.
export default fp(async () => {});
