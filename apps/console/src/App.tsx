import { Suspense } from 'react';
import { BrowserRouter, Route } from 'react-router-dom';
import { Admin, CustomRoutes, Loading, Resource } from 'react-admin';
import { amlFollowUps } from './aml-follow-ups';
import { analyticsAlerts } from './analytics-alerts';
import { auditEvents } from './audit-events';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { documents } from './documents';
import { driftReports } from './drift-reports';
import { failureCodes } from './failure-codes';
import { i18nProvider } from './i18n/i18nProvider';
import { identifications } from './identifications';
import { jobs } from './jobs';
import { Layout } from './layout/Layout';
import { lazyNamed } from './lazyNamed';
import { partnerClients } from './partner-clients';
import { persons } from './persons';
import { reviewCases, reviewProposals } from './review';
import { CustomerView, supportDesk } from './support';
import { darkTheme, lightTheme } from './theme';
import { users } from './users';
import { webhookDeliveries } from './webhook-deliveries';
import { webhookSubscriptions } from './webhook-subscriptions';

const Dashboard = lazyNamed(() => import('./dashboard/Dashboard'), 'Dashboard');
const MfaPage = lazyNamed(() => import('./mfa/MfaPage'), 'MfaPage');
const LazyLoginPage = lazyNamed(() => import('./login/LoginPage'), 'LoginPage');

// The login page is rendered outside the layout, so it brings its own Suspense boundary.
const LoginPage = () => (
  <Suspense fallback={<Loading />}>
    <LazyLoginPage />
  </Suspense>
);

// Real paths (/users, /persons/…) rather than react-admin's default hash routes: the api answers index.html
// for any such path a browser opens, so links and reloads work.
export const App = () => (
  <BrowserRouter>
    <Admin
      title="KYC back-office"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      theme={lightTheme}
      darkTheme={darkTheme}
      layout={Layout}
      loginPage={LoginPage}
      dashboard={Dashboard}
      requireAuth
      // A compliance tool calls no one: react-admin would otherwise report its use to marmelab.
      disableTelemetry
    >
      <Resource name="review-cases" {...reviewCases} />
      <Resource name="review-proposals" {...reviewProposals} />
      <Resource name="aml-follow-ups" {...amlFollowUps} />
      <Resource name="support" {...supportDesk}>
        <Route path="customers/:personId" element={<CustomerView />} />
      </Resource>
      <Resource name="persons" {...persons} />
      <Resource name="identifications" {...identifications} />
      <Resource name="documents" {...documents} />
      <Resource name="analytics-alerts" {...analyticsAlerts} />
      <Resource name="failure-codes" {...failureCodes} />
      <Resource name="audit-events" {...auditEvents} />
      <Resource name="webhook-subscriptions" {...webhookSubscriptions} />
      <Resource name="webhook-deliveries" {...webhookDeliveries} />
      <Resource name="users" {...users} />
      <Resource name="partner-clients" {...partnerClients} />
      <Resource name="jobs" {...jobs} />
      <Resource name="drift-reports" {...driftReports} />
      <CustomRoutes>
        <Route path="/mfa" element={<MfaPage />} />
      </CustomRoutes>
    </Admin>
  </BrowserRouter>
);
