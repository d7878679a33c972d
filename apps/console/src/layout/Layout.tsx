import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { AppBar, Layout as RaLayout, Logout, UserMenu, useGetIdentity } from 'react-admin';
import { MfaMenuItem } from './MfaMenuItem';

const ConsoleAppBar = () => (
  <AppBar
    userMenu={
      <UserMenu>
        <MfaMenuItem />
        <Logout />
      </UserMenu>
    }
  />
);

/** While the role requires MFA and it is not set up, the server refuses everything else: go to enrolment. */
const MfaGate = ({ children }: { children: ReactNode }) => {
  const { identity } = useGetIdentity();
  const { pathname } = useLocation();
  if (identity?.mfa_enrolment_required && pathname !== '/mfa') return <Navigate to="/mfa" replace />;
  return <>{children}</>;
};

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={ConsoleAppBar}>
    <MfaGate>{children}</MfaGate>
  </RaLayout>
);
