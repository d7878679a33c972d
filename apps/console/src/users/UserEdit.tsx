import {
  Edit,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  required,
} from 'react-admin';
import { StatusToggleButton } from '../common/StatusToggleButton';
import { ResetMfaButton } from './ResetMfaButton';
import { ResetPasswordButton } from './ResetPasswordButton';
import { ROLE_CHOICES } from './choices';

const UserEditActions = () => (
  <TopToolbar>
    <ResetPasswordButton />
    <ResetMfaButton />
    <StatusToggleButton />
  </TopToolbar>
);

// Users are disabled, never deleted: the audit trail refers to them.
const UserEditToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" actions={<UserEditActions />} redirect="list">
    <SimpleForm toolbar={<UserEditToolbar />}>
      <TextInput source="email" readOnly />
      <TextInput source="display_name" validate={required()} />
      <SelectInput source="role" choices={ROLE_CHOICES} validate={required()} />
    </SimpleForm>
  </Edit>
);
