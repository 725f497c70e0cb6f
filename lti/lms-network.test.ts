import { describe, expect, it } from 'vitest';
import { checkLmsUrl, isNonPublicAddress, LmsUrlRefusedError } from './lms-network';

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.9.9.9',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '[::1]',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700::6810:85e5', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });
});

describe('checkLmsUrl', () => {
  const production = { requireHttps: true, allowHttpLoopback: false };
  const tests = { requireHttps: true, allowHttpLoopback: true };
  const development = { requireHttps: false, allowHttpLoopback: true };

  it.each(['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'ftp://lms.example/', 'not a url', '', 'https://user:pw@lms.example/'])(
    'refuses %j whatever the policy',
    (value) => {
      for (const policy of [production, tests, development]) expect(() => checkLmsUrl(value, 'url', policy)).toThrow(LmsUrlRefusedError);
    },
  );

  it('wants https in production; the test setting allows http on loopback only', () => {
    expect(() => checkLmsUrl('http://lms.example/', 'url', production)).toThrow('must use https');
    expect(() => checkLmsUrl('http://127.0.0.1:9/', 'url', production)).toThrow('must use https');
    expect(checkLmsUrl('http://127.0.0.1:9/', 'url', tests).host).toBe('127.0.0.1:9');
    expect(() => checkLmsUrl('http://lms.example/', 'url', tests)).toThrow('must use https');
    expect(checkLmsUrl('http://lms.example/', 'url', development).host).toBe('lms.example');
    expect(checkLmsUrl('https://lms.example/x', 'url', production).pathname).toBe('/x');
  });
});
